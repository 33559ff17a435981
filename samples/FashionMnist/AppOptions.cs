using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace FashionMnistSample;

/// <summary>The command line: every option with its help text and its checks, and the mapping to
/// <see cref="Settings"/>.</summary>
internal static class AppOptions
{
    public const string DefaultWeightsFile = "fashion-mnist.safetensors";
    public const string DefaultLabPlotFile = "lab-validation-accuracy.png";
    public const string DefaultLabWeightsFile = "lab-best.safetensors";

    private static readonly Option<int> Epochs = Positive("--epochs", "N", 10, "Training epochs.");
    private static readonly Option<int> BatchSize = Positive("--batch-size", "N", 32, "Rows per optimizer step.");

    // No default value: help would show it as the enum's name, "[default: Adam]", where the value to type is adam.
    private static readonly Option<OptimizerChoice?> Optimizer = new("--optimizer")
    {
        Description = "adam or sgd (plain SGD, no momentum). Default: adam.", HelpName = "NAME",
        CustomParser = result => Token(result).ToLowerInvariant() switch
        {
            "adam" => OptimizerChoice.Adam,
            "sgd" => OptimizerChoice.Sgd,
            _ => Refuse<OptimizerChoice?>(result, "adam or sgd"),
        },
    };

    private static readonly Option<float?> LearningRate = new("--learning-rate")
    {
        Description = "The optimizer's learning rate. Default: 0.001 for Adam, 0.01 for SGD.", HelpName = "RATE",
        CustomParser = result =>
            Checked<float>(
                rate => rate is > 0 and < float.PositiveInfinity,
                "a positive number within float's range (1.4e-45 to 3.4e38; smaller rounds to 0)")(result),
    };

    private static readonly Option<ulong> Seed = new("--seed")
    {
        Description = "Seeds the weights and the shuffling: the same seed gives the same run.", HelpName = "N",
        DefaultValueFactory = _ => 0, CustomParser = WholeNumber<ulong>(0),
    };

    private static readonly Option<bool> KeepLast = new("--keep-last")
    {
        Description = "Keep the last epoch's weights; by default the run ends with those of the epoch with the "
            + "lowest validation loss.",
    };

    private static readonly Option<string?> Data = new("--data")
    {
        Description = "A directory with the four Fashion-MNIST files (raw or .gz), or 'embedded' for the subset "
            + "shipped with the app; that word, in any case, never means a folder: write ./embedded for a folder of "
            + "that name. Default: " + DataSource.InstalledDirectory + " if it holds the four files (apt-get install "
            + "dataset-fashion-mnist), else the embedded subset.",
        HelpName = "DIR",
    };

    private static readonly Option<string> Weights = new("--weights")
    {
        Description = "The weights file that training writes and --predict reads.", HelpName = "PATH",
        DefaultValueFactory = _ => DefaultWeightsFile,
    };

    private static readonly Option<string[]> Predict = new("--predict")
    {
        Description = "Classify with the saved weights instead of training: test-set indices and ranges (3 10-19), "
            + "or IDX image files.",
        HelpName = "ITEM",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> Lab = new("--lab")
    {
        Description = "Run the initializer x activation lab on 784-256-128-64-10 instead of the main job.",
    };

    private static readonly Option<int> LabEpochs = Positive("--lab-epochs", "N", 5, "Epochs per lab variant.");

    private static readonly Option<string> LabPlot = new("--lab-plot")
    {
        Description = "Where the lab writes its plot of validation accuracy per epoch (PNG).", HelpName = "PATH",
        DefaultValueFactory = _ => DefaultLabPlotFile,
    };

    private static readonly Option<string?> LabWeights = new("--lab-weights")
    {
        Description = "Where the lab saves the trained weights of its best variant, for --predict --weights. "
            + $"Default: {DefaultLabWeightsFile} in the folder of the plot.",
        HelpName = "PATH",
    };

    private static readonly Option<string?> LabOnly = new("--lab-only")
    {
        Description = "Run only these variants: initializer×activation pairs separated by commas, e.g. "
            + "\"HeNormal×ReLU,Zeros×Sigmoid\"; x or * also separate the names, case does not matter, and He and "
            + "Xavier stand for HeNormal and GlorotUniform (\"he*relu,xavier x tanh\").",
        HelpName = "LIST",
    };

    private static readonly Option<int?> LabLimit = new("--lab-limit")
    {
        Description = "Run only the first N variants of the grid.", HelpName = "N",
        CustomParser = result => WholeNumber(1)(result),
    };

    private static readonly Option<string?> LabReport = new("--lab-report")
    {
        Description = "Also write the lab's tables as Markdown to this file.", HelpName = "PATH",
    };

    /// <summary>The modes an option applies to; <see cref="Data"/>, read by all three, is not listed.</summary>
    private static readonly (Option Option, Modes UsedBy)[] ModeOptions =
    [
        (Epochs, Modes.Training), (KeepLast, Modes.Training),
        (BatchSize, Modes.Training | Modes.Lab), (Optimizer, Modes.Training | Modes.Lab),
        (LearningRate, Modes.Training | Modes.Lab), (Seed, Modes.Training | Modes.Lab),
        (Weights, Modes.Training | Modes.Predict),
        (LabEpochs, Modes.Lab), (LabPlot, Modes.Lab), (LabWeights, Modes.Lab), (LabOnly, Modes.Lab),
        (LabLimit, Modes.Lab), (LabReport, Modes.Lab),
    ];

    [Flags]
    private enum Modes
    {
        Training = 1,
        Predict = 2,
        Lab = 4,
    }

    /// <summary>The root command; <paramref name="execute"/> runs with the parsed settings and returns the exit code.
    /// </summary>
    public static RootCommand Build(Func<Settings, int> execute)
    {
        var root = new RootCommand(
            "Trains the 784-128-10 FashionNet on Fashion-MNIST (Adam, batch 32, 10 epochs, seed 0 by default), reports "
            + "each epoch, the test accuracy and a confusion matrix, and saves the weights. The last "
            + $"min({DataSource.MaxValidationCount:N0}, a sixth) of the training images, at least one, are held out "
            + "for validation: 5,000 of the full 60,000, 1,000 of the embedded 6,000; the run keeps the weights of the "
            + "epoch with the lowest validation loss. The test set is used only for the final figure.")
        {
            Epochs, BatchSize, Optimizer, LearningRate, Seed, KeepLast, Data, Weights, Predict, Lab, LabEpochs, LabPlot,
            LabWeights, LabOnly, LabLimit, LabReport,
        };

        foreach (Option path in new Option[] { Data, Weights, LabPlot, LabWeights, LabReport })
        {
            path.Validators.Add(result =>
            {
                if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
                {
                    result.AddError($"{path.Name} needs a path, not an empty string.");
                }
            });
        }

        root.Validators.Add(result =>
        {
            // The mode follows --lab's value, not its presence: "--lab false" trains.
            bool lab = result.GetValue(Lab);
            if (lab && result.GetResult(Predict) is not null)
            {
                result.AddError("--lab and --predict are separate modes: give one of them.");
                return;
            }

            // An option the mode does not read would be silently ignored: "--epochs 3 --lab" would train 5 epochs.
            Modes mode = result.GetResult(Predict) is not null ? Modes.Predict
                : lab ? Modes.Lab
                : Modes.Training;
            foreach ((Option option, Modes usedBy) in ModeOptions)
            {
                if ((usedBy & mode) == 0 && result.GetResult(option) is { Implicit: false })
                {
                    string hint = option == Epochs && mode == Modes.Lab ? " (the lab takes --lab-epochs)"
                        : usedBy == Modes.Lab ? ", or add --lab"
                        : "";
                    result.AddError($"{option.Name} is for {Describe(usedBy)}, not for {Describe(mode)}: leave it "
                        + $"out{hint}.");
                }
            }
        });

        root.SetAction(parsed => execute(ToSettings(parsed)));
        return root;
    }

    private static Settings ToSettings(ParseResult parsed) => new()
    {
        Epochs = parsed.GetValue(Epochs),
        BatchSize = parsed.GetValue(BatchSize),
        Optimizer = parsed.GetValue(Optimizer) ?? OptimizerChoice.Adam,
        LearningRateOption = parsed.GetValue(LearningRate),
        Seed = parsed.GetValue(Seed),
        KeepLast = parsed.GetValue(KeepLast),
        Data = parsed.GetValue(Data),
        WeightsPath = parsed.GetValue(Weights)!,
        Predict = parsed.GetResult(Predict) is null ? null : parsed.GetValue(Predict),
        Lab = parsed.GetValue(Lab),
        LabEpochs = parsed.GetValue(LabEpochs),
        LabPlotPath = parsed.GetValue(LabPlot)!,
        LabWeightsOption = parsed.GetValue(LabWeights),
        LabOnly = parsed.GetValue(LabOnly),
        LabLimit = parsed.GetValue(LabLimit),
        LabReportPath = parsed.GetValue(LabReport),
    };

    /// <summary>"training", "--predict", "training and the lab (--lab)".</summary>
    private static string Describe(Modes modes) => string.Join(" and ", new[]
    {
        modes.HasFlag(Modes.Training) ? "training" : null,
        modes.HasFlag(Modes.Predict) ? "--predict" : null,
        modes.HasFlag(Modes.Lab) ? "the lab (--lab)" : null,
    }.OfType<string>());

    private static Option<int> Positive(string name, string helpName, int defaultValue, string description) => new(name)
    {
        Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue,
        CustomParser = WholeNumber(1),
    };

    /// <summary>Parses a whole number of at least <paramref name="min"/>, with a message that says what is wrong
    /// with the value: "abc" is no whole number, "0" is too small, "-1" is outside every seed.</summary>
    private static Func<ArgumentResult, T> WholeNumber<T>(T min) where T : IBinaryInteger<T>, IMinMaxValue<T>
        => result =>
        {
            string token = Token(result);
            if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T? value)
                && value >= min)
            {
                return value;
            }

            // The parser's own message would name a .NET type ("System.UInt64") and its bounds not at all.
            string expected = min == T.MinValue ? $"a whole number from {min} to {T.MaxValue}"
                : !BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out BigInteger number) ? "a whole number"
                : number < BigInteger.CreateChecked(min) ? $"at least {min}"
                : $"at most {T.MaxValue}";
            return Refuse<T>(result, expected);
        };

    /// <summary>Parses an option's value and checks its range in one step, so that "fast" and "0" both get a message
    /// naming the option and what it takes.</summary>
    private static Func<ArgumentResult, T> Checked<T>(Func<T, bool> valid, string expected) where T : ISpanParsable<T>
        => result =>
        {
            string token = Token(result);
            if (T.TryParse(token, CultureInfo.InvariantCulture, out T? value) && valid(value))
            {
                return value;
            }

            return Refuse<T>(result, expected);
        };

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static T Refuse<T>(ArgumentResult result, string expected)
    {
        string token = Token(result);
        string option = result.Parent is OptionResult parent ? parent.Option.Name : "the value";
        result.AddError($"{option} must be {expected}, not '{token}'.");
        return default!;
    }
}

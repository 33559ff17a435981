using Spectre.Console;

namespace FashionMnistSample;

/// <summary>Everything the command line decides, after parsing and validation.</summary>
internal sealed record Settings
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 32;

    public OptimizerChoice Optimizer { get; init; } = OptimizerChoice.Adam;

    /// <summary>The learning rate given, or null for the optimizer's default (<see cref="LearningRate"/>).</summary>
    public float? LearningRateOption { get; init; }

    /// <summary>The learning rate in use: as given, else 1e-3 for Adam (Keras's and PyTorch's default) and 0.01 for
    /// SGD (Keras's default).</summary>
    public float LearningRate => LearningRateOption ?? (Optimizer == OptimizerChoice.Adam ? 1e-3f : 0.01f);

    public ulong Seed { get; init; }

    /// <summary>Keep the last epoch's weights instead of those with the lowest validation loss.</summary>
    public bool KeepLast { get; init; }

    /// <summary>A directory, "embedded", or null to look in the standard places.</summary>
    public string? Data { get; init; }

    /// <summary>Where the full data set is looked for when <see cref="Data"/> is null. Not an option: the app's
    /// callers (<see cref="App.Run"/>) set it, so that tests need not touch the real folder.</summary>
    public string InstalledData { get; init; } = DataSource.InstalledDirectory;

    public string WeightsPath { get; init; } = AppOptions.DefaultWeightsFile;

    /// <summary>Test-set indices, ranges or IDX files to classify; null outside the predict mode.</summary>
    public IReadOnlyList<string>? Predict { get; init; }

    public bool Lab { get; init; }

    public int LabEpochs { get; init; } = 5;

    public string LabPlotPath { get; init; } = AppOptions.DefaultLabPlotFile;

    /// <summary>--lab-weights as given; null when not given.</summary>
    public string? LabWeightsOption { get; init; }

    /// <summary>Where the lab saves its best variant's weights: --lab-weights, else next to the plot, so that a lab
    /// run's outputs stay together.</summary>
    public string LabWeightsPath
        => LabWeightsOption ?? Path.Combine(Path.GetDirectoryName(LabPlotPath) ?? "", AppOptions.DefaultLabWeightsFile);

    public string? LabOnly { get; init; }

    public int? LabLimit { get; init; }

    public string? LabReportPath { get; init; }

    /// <summary>These settings with the batch size cut to <paramref name="trainingRows"/>, saying so on
    /// <paramref name="console"/>. The training loop steps on min(batch, rows left) rows, so a larger batch trains
    /// exactly as one of every row, one step per epoch; it would only allocate buffers for rows that never come.
    /// </summary>
    public Settings WithBatchCappedTo(int trainingRows, IAnsiConsole console)
    {
        if (BatchSize <= trainingRows)
        {
            return this;
        }

        console.WriteLine($"note: --batch-size {BatchSize} is more than the {Plural.Of(trainingRows, "image")} to "
            + $"train on: the batch is capped to {trainingRows:N0}, one step per epoch");
        return this with { BatchSize = trainingRows };
    }

    /// <summary>A fresh optimizer as chosen, one per trained network.</summary>
    public NetDsl.Training.IOptimizer CreateOptimizer() => Optimizer == OptimizerChoice.Adam
        ? new NetDsl.Training.Adam(LearningRate)
        : new NetDsl.Training.Sgd(LearningRate);

    /// <summary>"Adam lr 0.001" or "SGD lr 0.01", for the run's header lines.</summary>
    public string DescribeOptimizer() => $"{(Optimizer == OptimizerChoice.Adam ? "Adam" : "SGD")} lr {LearningRate:G}";
}

/// <summary>The optimizers the app offers.</summary>
internal enum OptimizerChoice
{
    /// <summary>Adam with PyTorch's defaults.</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent, no momentum: the optimizer under which initialization matters
    /// most, as the lab shows.</summary>
    Sgd,
}

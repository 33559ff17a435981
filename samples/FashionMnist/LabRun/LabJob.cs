using FashionMnistSample.Display;
using NetDsl;
using NetDsl.Data;
using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample.LabRun;

/// <summary>
/// The lab: trains every chosen variant of the <see cref="Lab"/> family with the same seed, data and optimizer,
/// measures how each starts, ranks them by validation accuracy and plots their validation accuracy per epoch.
/// </summary>
internal static class LabJob
{
    public static int Run(Settings given, IAnsiConsole console)
    {
        IReadOnlyList<NetworkVariant> variants = VariantSelection.Select(Lab.Variants, given.LabOnly, given.LabLimit);
        DataSource source = DataSource.Locate(given);
        (TrainingSet fit, TrainingSet validation) = DataSource.Split(source.LoadTraining());
        if (source.Note is { } note)
        {
            console.WriteLine(note);
        }

        console.WriteLine($"data: {source.Origin}, {source.Directory}");
        console.WriteLine($"      {Plural.Of(fit.Count, "image")} to train on, {validation.Count:N0} to validate (the "
            + "lab does not read the test set)");
        Settings settings = given.WithBatchCappedTo(fit.Count, console);
        NetworkDescription shape = variants[0].Create().Description;
        console.WriteLine($"network: {shape.InputSize}-{string.Join("-", shape.Layers.Select(l => l.Units))}, the "
            + "hidden layers taking each variant's initializer and activation, the output layer "
            + "GlorotUniform × Softmax");
        console.WriteLine($"lab: {variants.Count} of {Lab.Variants.Count} variants, "
            + $"{Plural.Of(settings.LabEpochs, "epoch")} each, {settings.DescribeOptimizer()}, batch "
            + $"{settings.BatchSize:N0}, seed {settings.Seed}");
        console.WriteLine();

        (IReadOnlyList<VariantResult> results, INetwork bestNetwork) =
            TrainAll(variants, fit, validation, settings, console);
        IReadOnlyList<VariantResult> ranked = VariantResult.Rank(results);
        console.WriteLine();
        console.Write(LabTables.Ranking(ranked));
        console.Write(LabTables.Diagnostics(ranked));
        console.WriteLine(LabTables.Definitions);
        if (ranked.Where(r => r.DivergedEpoch is not null).Select(r => r.Variant.Name).ToList() is [_, ..] diverged)
        {
            console.WriteLine($"diverged (a loss or a weight stopped being finite; a lower --learning-rate avoids it): "
                + string.Join(", ", diverged));
        }

        // The plot keeps the grid's order, so that its legend reads as the grid does.
        string plot = Path.GetFullPath(settings.LabPlotPath);
        string replacing = OutputFiles.Replacing(plot);
        IReadOnlyList<IReadOnlyList<VariantResult>> sharedLines = LabPlot.Save(results, plot);
        console.WriteLine($"plot of validation accuracy per epoch: {plot}{replacing}");
        foreach (IReadOnlyList<VariantResult> shared in sharedLines)
        {
            string names = string.Join(", ", shared.Select(r => r.Variant.Name));
            int last = names.LastIndexOf(", ", StringComparison.Ordinal);
            console.WriteLine($"      one line for {names[..last]} and {names[(last + 2)..]}: the same validation "
                + "accuracy at every epoch");
        }

        if (settings.LabReportPath is { } reportPath)
        {
            string report = Path.GetFullPath(reportPath);
            replacing = OutputFiles.Replacing(report);
            Directory.CreateDirectory(Path.GetDirectoryName(report)!);
            File.WriteAllText(report, LabTables.Markdown(ranked, settings, source, Path.GetFileName(plot)));
            console.WriteLine($"Markdown report: {report}{replacing}");
        }

        SaveBest(ranked[0], bestNetwork, settings, console);
        return 0;
    }

    /// <summary>Keeps the winner, the last step of the procedure: its trained weights go to --lab-weights, for
    /// --predict to load. A lab where every variant diverged has nothing to keep.</summary>
    private static void SaveBest(VariantResult best, INetwork network, Settings settings, IAnsiConsole console)
    {
        string path = Path.GetFullPath(settings.LabWeightsPath);
        if (best.DivergedEpoch is not null)
        {
            console.WriteLine($"no weights saved: every variant diverged ({path} is left as it was)");
            return;
        }

        string replacing = OutputFiles.Replacing(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        network.SaveWeights(path);
        console.WriteLine($"weights of the best variant, {best.Variant.Name}: {path}{replacing}");
        console.WriteLine($"      classify with them: --predict 0-9 --weights {Figures.ShellWord(settings.LabWeightsPath)}");
    }

    /// <summary>Trains the variants one after the other, under a bar each on a terminal, with a plain line per epoch
    /// elsewhere (as <see cref="EpochBars.Show"/>), and returns their results with the trained network of the one
    /// that ranks first; the others are dropped as soon as they are beaten.</summary>
    private static (List<VariantResult> Results, INetwork Best) TrainAll(
        IReadOnlyList<NetworkVariant> variants, TrainingSet fit, TrainingSet validation, Settings settings,
        IAnsiConsole console)
    {
        var results = new List<VariantResult>();
        (VariantResult Result, INetwork Network)? best = null;
        void RunAll(Func<NetworkVariant, IProgress<TrainingProgress>> progressOf)
        {
            foreach (NetworkVariant variant in variants)
            {
                (VariantResult result, INetwork network) =
                    Train(variant, fit, validation, settings, progressOf(variant));
                results.Add(result);
                if (best is null || ReferenceEquals(VariantResult.Rank([best.Value.Result, result])[0], result))
                {
                    best = (result, network);
                }
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            EpochBars.Bars(console).Start(context => RunAll(variant => new VariantBar(context, variant.Name)));
        }
        else
        {
            RunAll(variant => new EpochLines(console, $"{variant.Name,-24} "));
        }

        return (results, best!.Value.Network);
    }

    private static (VariantResult Result, INetwork Network) Train(
        NetworkVariant variant, TrainingSet fit, TrainingSet validation, Settings settings,
        IProgress<TrainingProgress> progress)
    {
        INetwork network = variant.Create();
        network.Initialize(settings.Seed);
        ITrainer trainer = network.CreateTrainer(settings.CreateOptimizer(), settings.BatchSize);
        InitialDiagnostics initial = InitialDiagnostics.Measure(trainer, fit, settings.BatchSize, settings.Seed);
        double initialAccuracy = TrainingLoop.Evaluate(trainer, validation).Accuracy;
        var options = new TrainingOptions
        {
            Epochs = settings.LabEpochs, BatchSize = settings.BatchSize, Seed = settings.Seed,
        };
        TrainingHistory history = TrainingLoop.Run(trainer, fit, validation, options, progress);
        return (new VariantResult(variant, initial, initialAccuracy, history.Epochs, history.DivergedEpoch), network);
    }
}

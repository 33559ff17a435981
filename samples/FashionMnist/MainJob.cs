using System.Diagnostics;
using FashionMnistSample.Display;
using NetDsl;
using NetDsl.Data;
using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample;

/// <summary>The main job: train FashionNet, report every epoch, measure it once on the test set, save the weights.
/// </summary>
internal static class MainJob
{
    public static int Run(Settings settings, IAnsiConsole console)
    {
        DataSource source = DataSource.Locate(settings.Data);
        LabelledImageSet training = source.LoadTraining();
        LabelledImageSet test = source.LoadTest();
        (TrainingSet fit, TrainingSet validation) = DataSource.Split(training);
        console.WriteLine($"data: {source.Origin}, {source.Directory}");
        console.WriteLine($"      {training.Count:N0} training images: {fit.Count:N0} to train on, the last "
            + $"{validation.Count:N0} to validate; {test.Count:N0} test images for the final figure");

        var network = new FashionNet();
        network.Initialize(settings.Seed);
        FashionNet.Trainer trainer = network.CreateTrainer(settings.CreateOptimizer(), settings.BatchSize);
        console.WriteLine($"network: {Describe(FashionNet.Description)}, {FashionNet.ParameterCount:N0} parameters");
        console.WriteLine($"training: {settings.DescribeOptimizer()}, batch {settings.BatchSize}, "
            + $"{settings.Epochs} epochs, seed {settings.Seed}, keeping the "
            + (settings.KeepLast ? "last epoch" : "epoch with the lowest validation loss"));
        console.WriteLine();

        var options = new TrainingOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed,
            KeepBestEpoch = !settings.KeepLast,
        };
        var clock = Stopwatch.StartNew();
        TrainingHistory history =
            EpochBars.Show(console, progress => TrainingLoop.Run(trainer, fit, validation, options, progress));
        clock.Stop();

        console.WriteLine();
        console.Write(EpochTable(history));
        console.WriteLine($"{history.Epochs.Count} epochs in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({fit.Count * (double)history.Epochs.Count / clock.Elapsed.TotalSeconds:N0} training samples/s, "
            + "validation included)");
        string kept = history.DivergedEpoch is { } diverged
            ? $"training diverged in epoch {diverged} (a loss or the weights stopped being finite): kept the weights "
                + (history.BestEpoch == 0 ? "from before training" : $"of epoch {history.BestEpoch}")
            : settings.KeepLast ? $"kept the weights of the last epoch, {history.Epochs.Count}"
            : history.BestEpoch == 0 ? "no epoch had a finite validation loss (training diverged): kept the last "
                + "epoch's weights"
            : $"kept the weights of epoch {history.BestEpoch}, the lowest validation loss";
        console.WriteLine(kept);
        console.WriteLine();

        ConfusionMatrix matrix = ConfusionMatrix.Measure(network, test);
        console.WriteLine($"test accuracy: {matrix.Accuracy:F4}");
        console.Write(matrix.ToTable(FashionMnist.ClassNames));

        network.SaveWeights(settings.WeightsPath);
        console.WriteLine($"weights saved to {Path.GetFullPath(settings.WeightsPath)}");
        return 0;
    }

    /// <summary>"784-128 ReLU-10 Softmax".</summary>
    public static string Describe(NetworkDescription description)
        => description.InputSize + string.Concat(description.Layers.Select(l => $"-{l.Units} {l.Activation}"));

    private static Table EpochTable(TrainingHistory history)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("epoch").RightAligned())
            .AddColumn(new TableColumn("training loss").RightAligned())
            .AddColumn(new TableColumn("validation loss").RightAligned())
            .AddColumn(new TableColumn("validation accuracy").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned());
        foreach (EpochReport epoch in history.Epochs)
        {
            Evaluation validation = epoch.Validation!.Value;
            table.AddRow($"{epoch.Epoch}", $"{epoch.TrainingLoss:F4}", $"{validation.Loss:F4}",
                $"{validation.Accuracy:F4}", $"{epoch.Elapsed.TotalSeconds:F1}");
        }

        return table;
    }
}

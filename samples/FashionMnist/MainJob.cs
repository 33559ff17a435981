using System.Diagnostics;
using FashionMnistSample.Display;
using NetDsl;
using NetDsl.Data;
using NetDsl.Kernels;
using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample;

/// <summary>The main job: train FashionNet, report every epoch, measure it once on the test set, save the weights.
/// </summary>
internal static class MainJob
{
    public static int Run(Settings given, IAnsiConsole console)
    {
        DataSource source = DataSource.Locate(given);
        LabelledImageSet training = source.LoadTraining();
        LabelledImageSet test = source.LoadTest();
        (TrainingSet fit, TrainingSet validation) = DataSource.Split(training);
        if (source.Note is { } note)
        {
            console.WriteLine(note);
        }

        console.WriteLine($"data: {source.Origin}, {source.Directory}");
        console.WriteLine($"      {Plural.Of(training.Count, "training image")}: {fit.Count:N0} to train on, the "
            + $"last {validation.Count:N0} to validate; {Plural.Of(test.Count, "test image")} for the final figure");
        Settings settings = given.WithBatchCappedTo(fit.Count, console);

        var network = new FashionNet();
        network.Initialize(settings.Seed);
        FashionNet.Trainer trainer = network.CreateTrainer(settings.CreateOptimizer(), settings.BatchSize);
        // The kernels' vector width is named: it is chosen per machine (or by NETDSL_SIMD) and decides the speed.
        console.WriteLine($"network: {Describe(FashionNet.Description)}, {FashionNet.ParameterCount:N0} parameters, "
            + $"{SimdSelection.Current} kernels");
        console.WriteLine($"training: {settings.DescribeOptimizer()}, batch {settings.BatchSize:N0}, "
            + $"{Plural.Of(settings.Epochs, "epoch")}, seed {settings.Seed}, keeping the "
            + (settings.KeepLast ? "last epoch" : "epoch with the lowest validation loss"));
        string weights = Path.GetFullPath(settings.WeightsPath);
        if (File.Exists(weights))
        {
            // Said now, while the run can still be stopped, and again once the file is written.
            console.WriteLine($"weights: {weights} exists and will be replaced");
        }

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
        console.WriteLine($"{Plural.Of(history.Epochs.Count, "epoch")} in {clock.Elapsed.TotalSeconds:F1} s "
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
        if (history.DivergedEpoch is not null && history.BestEpoch == 0)
        {
            // Nothing was learned: saving the starting weights would only replace a file that may hold a good model.
            console.WriteLine($"error: nothing was learned, so {weights} was not written; a smaller --learning-rate "
                + "usually keeps training finite");
            return 1;
        }

        // The accuracy comes last, as the one line a script or a reader looks for: the matrix that details it and
        // the weights it was measured with come before.
        ConfusionMatrix matrix = ConfusionMatrix.Measure(network, test);
        console.Write(matrix.ToTable(FashionMnist.ClassNames)
            .Title($"confusion matrix of the {Plural.Of(test.Count, "test image")}"));

        string replacing = OutputFiles.Replacing(weights);
        network.SaveWeights(weights);
        console.WriteLine($"weights saved to {weights}{replacing}");
        console.WriteLine($"test accuracy: {matrix.Accuracy:F4}");
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
            table.AddRow($"{epoch.Epoch}", Figures.Loss(epoch.TrainingLoss), Figures.Loss(validation.Loss),
                $"{validation.Accuracy:F4}", $"{epoch.Elapsed.TotalSeconds:F1}");
        }

        return table;
    }
}

using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample.Display;

/// <summary>One progress bar per epoch, fed by the training loop's reports: the running loss and the throughput while
/// the epoch runs, the validation accuracy once it is evaluated.</summary>
internal sealed class EpochBars(ProgressContext context) : IProgress<TrainingProgress>
{
    private readonly Dictionary<int, ProgressTask> _bars = [];

    /// <summary>Runs <paramref name="train"/> under a live display of its epochs, or on a console that is not
    /// interactive, with a plain line per epoch instead.</summary>
    public static TrainingHistory Show(IAnsiConsole console, Func<IProgress<TrainingProgress>, TrainingHistory> train)
        => console.Profile.Capabilities.Interactive
            ? Bars(console).Start(context => train(new EpochBars(context)))
            : train(new EpochLines(console));

    /// <summary>A progress display whose bars stay on screen when done.</summary>
    public static Progress Bars(IAnsiConsole console)
        => console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn());

    public void Report(TrainingProgress value)
    {
        switch (value)
        {
            case BatchProgress batch:
                ProgressTask bar = Bar(batch.Epoch, batch.Epochs, batch.Batches);
                bar.Value = batch.Batch;
                bar.Description = Label(batch.Epoch, batch.Epochs)
                    + $"  loss {Figures.Loss(batch.RunningLoss)}  {batch.SamplesPerSecond,7:N0} samples/s";
                break;
            case EpochReport epoch when _bars.TryGetValue(epoch.Epoch, out ProgressTask? done):
                done.Value = done.MaxValue;
                string validation = epoch.Validation is { } v ? $"  validation accuracy {v.Accuracy:F4}" : "";
                done.Description = Label(epoch.Epoch, epoch.Epochs) + $"  loss {Figures.Loss(epoch.TrainingLoss)}{validation}";
                done.StopTask();
                break;
        }
    }

    private ProgressTask Bar(int epoch, int epochs, int batches)
    {
        if (!_bars.TryGetValue(epoch, out ProgressTask? bar))
        {
            bar = context.AddTask(Label(epoch, epochs), maxValue: batches);
            _bars[epoch] = bar;
        }

        return bar;
    }

    private static string Label(int epoch, int epochs)
        => $"epoch {epoch.ToString().PadLeft(epochs.ToString().Length)}/{epochs}";
}

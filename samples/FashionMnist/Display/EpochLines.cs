using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample.Display;

/// <summary>What replaces the progress bars on a console that cannot redraw them (a CI log, redirected output): one
/// plain line per finished epoch, so a long run still shows that it is moving.</summary>
internal sealed class EpochLines(IAnsiConsole console, string prefix = "") : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        if (value is EpochReport epoch)
        {
            string validation = epoch.Validation is { } v
                ? $"  validation loss {Figures.Loss(v.Loss)}  validation accuracy {v.Accuracy:F4}"
                : "";
            console.WriteLine($"{prefix}epoch {epoch.Epoch}/{epoch.Epochs}  training loss {Figures.Loss(epoch.TrainingLoss)}"
                + $"{validation}  {epoch.Elapsed.TotalSeconds:F1} s");
        }
    }
}

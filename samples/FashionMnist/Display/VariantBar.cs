using NetDsl.Training;
using Spectre.Console;

namespace FashionMnistSample.Display;

/// <summary>One progress bar for a whole lab variant, across its epochs.</summary>
internal sealed class VariantBar(ProgressContext context, string name) : IProgress<TrainingProgress>
{
    private ProgressTask? _bar;

    public void Report(TrainingProgress value)
    {
        switch (value)
        {
            case BatchProgress batch:
                _bar ??= context.AddTask(Markup.Escape(name), maxValue: batch.Epochs * batch.Batches);
                _bar.Value = (batch.Epoch - 1) * batch.Batches + batch.Batch;
                _bar.Description =
                    Markup.Escape($"{name,-24} epoch {batch.Epoch}/{batch.Epochs}  loss {Figures.Loss(batch.RunningLoss)}");
                break;
            case EpochReport epoch when _bar is not null:
                string accuracy = epoch.Validation is { } v ? $"  validation accuracy {v.Accuracy:F4}" : "";
                _bar.Description = Markup.Escape($"{name,-24} epoch {epoch.Epoch}/{epoch.Epochs}{accuracy}");
                if (epoch.Epoch == epoch.Epochs)
                {
                    _bar.Value = _bar.MaxValue;
                    _bar.StopTask();
                }

                break;
        }
    }
}

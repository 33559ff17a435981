namespace NetDsl.Training;

/// <summary>What the training loop reports through <see cref="IProgress{T}"/>; the runtime prints nothing itself.
/// </summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs planned.</param>
public abstract record TrainingProgress(int Epoch, int Epochs);

/// <summary>A batch finished.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">The batch within the epoch, from 1.</param>
/// <param name="Batches">Batches in the epoch.</param>
/// <param name="RunningLoss">The mean training loss of the epoch so far.</param>
/// <param name="SamplesPerSecond">Training throughput of the epoch so far.</param>
public sealed record BatchProgress(
    int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, double SamplesPerSecond)
    : TrainingProgress(Epoch, Epochs);

/// <summary>An epoch finished and was evaluated.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="TrainingLoss">The mean of the epoch's batch losses, weighted by batch size.</param>
/// <param name="Validation">Loss and accuracy on the validation set, or null without one.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="Elapsed">Wall time of the epoch, evaluation included.</param>
/// <param name="IsBest">True when the validation loss is the lowest so far.</param>
public sealed record EpochReport(
    int Epoch, int Epochs, double TrainingLoss, Evaluation? Validation, float LearningRate, TimeSpan Elapsed,
    bool IsBest)
    : TrainingProgress(Epoch, Epochs);

namespace NetDsl.Training;

/// <summary>How <see cref="TrainingLoop"/> runs.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set; 10 by default.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per step, at most the trainer's MaxBatchSize; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling: the same seed, data and batch size give bit-identical weights.</summary>
    public ulong Seed { get; init; }

    /// <summary>The learning rate per epoch; null keeps the optimizer's own.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Stops after this many epochs (at least 1) without a lower validation loss; null never stops early.
    /// Needs a validation set: the training loss is never watched instead.</summary>
    public int? Patience { get; init; }

    /// <summary>When the patience runs out, on the last epoch too, puts back the weights of the epoch with the lowest
    /// validation loss. A run whose patience never runs out keeps its last weights unless
    /// <see cref="KeepBestEpoch"/> is set.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// Ends every run, stopped early or not, with the weights of the epoch with the lowest validation loss (what
    /// Keras's ModelCheckpoint with save_best_only keeps). Needs a validation set; false by default, which keeps the
    /// last epoch's weights.
    /// </summary>
    public bool KeepBestEpoch { get; init; }

    /// <summary>Batches between <see cref="BatchProgress"/> reports, at least 1 (1 reports every batch); 20 by default.
    /// The last batch of an epoch, and one that diverges, are reported too.</summary>
    public int ReportEvery { get; init; } = 20;
}

/// <summary>What a training run did.</summary>
/// <param name="Epochs">One report per epoch run, the diverged one included.</param>
/// <param name="StoppedEarly">True when the patience ran out and ended the run, possibly on its last epoch.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss (from 1), or the last without validation;
/// never the epoch that diverged. 0 when no epoch ended with a finite validation loss: then no weights were restored
/// or kept, and the network holds the last epoch's, unless the run diverged.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, bool StoppedEarly, int BestEpoch)
{
    /// <summary>The report of each epoch run.</summary>
    public IReadOnlyList<EpochReport> Epochs { get; init; } = Epochs ?? throw new ArgumentNullException(nameof(Epochs));

    /// <summary>
    /// The epoch in which training diverged (a loss, a gradient or the weights became NaN or infinite; its report is
    /// the last of <see cref="Epochs"/>), or null. The run stopped there and the network holds the weights of
    /// <see cref="BestEpoch"/>, or when that is 0 the weights it had before training. Lower the learning rate, or
    /// check the data for extreme values.
    /// </summary>
    public int? DivergedEpoch { get; init; }
}

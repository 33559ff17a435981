using System.Diagnostics;
using NetDsl.Initialization;

namespace NetDsl.Training;

/// <summary>
/// Epochs of shuffled mini-batches, evaluation on a held-out set after each, learning-rate schedules and early
/// stopping on the validation loss. Deterministic: the shuffling draws from <see cref="CounterRandom"/>, so the same
/// seed, data and batch size give bit-identical weights after any number of steps, on every run.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains until the epochs run out, early stopping triggers, the run diverges, or
    /// <paramref name="cancellationToken"/> is cancelled (which throws <see cref="OperationCanceledException"/> between
    /// batches).
    /// </summary>
    /// <remarks>A run diverges when a step's loss is NaN or infinite or the optimizer refuses a gradient that is (the
    /// step throws, see <see cref="ITrainer.Step(ReadOnlySpan{float}, ReadOnlySpan{float})"/>; its loss is reported
    /// as NaN), or an epoch ends with weights that are: the run stops there, like Keras's
    /// TerminateOnNaN, reports that epoch as its last, puts back the weights of
    /// <see cref="TrainingHistory.BestEpoch"/> (or those from before training when it is 0) and says so in
    /// <see cref="TrainingHistory.DivergedEpoch"/>.
    /// <para>An exception from <paramref name="progress"/>, or a cancellation, ends the run where it happens: no
    /// history is returned, no best weights are put back, and the network keeps those of the last step taken.</para>
    /// </remarks>
    /// <param name="trainer">The network's trainer.</param>
    /// <param name="training">The rows to learn from.</param>
    /// <param name="validation">Rows to evaluate after each epoch, or null.</param>
    /// <param name="options">Epochs, batch size, seed, schedule, early stopping; defaults when null.</param>
    /// <param name="progress">Receives a <see cref="BatchProgress"/> every few batches and an
    /// <see cref="EpochReport"/> per epoch.</param>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    /// <exception cref="ArgumentException">The options, or a set's shape, labels or targets, do not suit the
    /// trainer; the message says which and what to change. Nothing is trained. A schedule whose rate is negative or
    /// not finite is refused too (<see cref="ArgumentOutOfRangeException"/>): before training when it is the first
    /// epoch's, otherwise before the epoch it belongs to, and the network keeps the weights of the epochs before
    /// it.</exception>
    public static TrainingHistory Run(
        ITrainer trainer, TrainingSet training, TrainingSet? validation, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(training);
        options ??= new TrainingOptions();
        Check(trainer, training, validation, options);
        if (validation is { Count: 0 })
        {
            validation = null;
        }

        // The weights a diverged run falls back on: those from before training, then those of each best epoch.
        INetwork network = trainer.Network;
        var best = new float[network.ParameterCount];
        var current = new float[network.ParameterCount];
        network.ExportParameters(best);
        var batches = new BatchBuffers(training, System.Math.Min(options.BatchSize, training.Count));
        var reports = new List<EpochReport>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        int? divergedEpoch = null;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Schedule is not null)
            {
                trainer.Optimizer.LearningRate = ScheduledRate(options.Schedule, epoch);
            }

            var clock = Stopwatch.StartNew();
            (double trainingLoss, bool diverged) =
                RunEpoch(trainer, training, batches, options, epoch, clock, progress, cancellationToken);

            // A last update can overflow the weights before any loss shows it.
            network.ExportParameters(current);
            diverged |= FiniteCheck.FirstNonFinite(current) >= 0;

            // Only the validation loss is monitored: without a validation set the last epoch counts as the best.
            Evaluation? evaluation = validation is null ? null : EvaluateChecked(trainer, validation);
            bool isBest = !diverged && evaluation is { } evaluated && evaluated.Loss < bestLoss;
            if (!diverged && (evaluation is null || isBest))
            {
                bestEpoch = epoch;
                (best, current) = (current, best);
            }

            if (isBest)
            {
                bestLoss = evaluation!.Value.Loss;
                epochsWithoutImprovement = 0;
            }
            else if (evaluation is not null)
            {
                epochsWithoutImprovement++;
            }

            var report = new EpochReport(
                epoch, options.Epochs, trainingLoss, evaluation, trainer.Optimizer.LearningRate, clock.Elapsed,
                isBest);
            reports.Add(report);
            progress?.Report(report);
            if (diverged)
            {
                divergedEpoch = epoch;
                break;
            }

            // Patience that runs out on the last epoch still restores the best weights.
            if (options.Patience is { } patience && epochsWithoutImprovement >= patience)
            {
                stoppedEarly = true;
                break;
            }
        }

        bool restoreBest = (stoppedEarly && options.RestoreBestWeights) || options.KeepBestEpoch;
        if (divergedEpoch is not null || (restoreBest && bestEpoch > 0))
        {
            network.ImportParameters(best);
        }

        return new TrainingHistory(reports, stoppedEarly, bestEpoch) { DivergedEpoch = divergedEpoch };
    }

    /// <summary>The loss and accuracy of the network on a set.</summary>
    /// <exception cref="ArgumentException">The set is empty, or its shape, labels or targets do not suit the
    /// trainer.</exception>
    public static Evaluation Evaluate(ITrainer trainer, TrainingSet set)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count == 0)
        {
            throw new ArgumentException("The set is empty: there is nothing to evaluate.", nameof(set));
        }

        CheckSet(trainer, set, "the set", nameof(set));
        return EvaluateChecked(trainer, set);
    }

    private static Evaluation EvaluateChecked(ITrainer trainer, TrainingSet set)
        => set.HasLabels ? trainer.Evaluate(set.Features, set.Labels) : trainer.Evaluate(set.Features, set.Targets);

    /// <summary>Fisher–Yates over 0..n−1 with counter-based draws: the order depends only on the seed and the epoch.
    /// </summary>
    public static void Shuffle(Span<int> order, ulong seed, int epoch)
    {
        var random = new CounterRandom(seed, (ulong)epoch);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.Bits((ulong)i, 0) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>One epoch of shuffled batches; stops at the first step whose loss is not finite.</summary>
    /// <returns>The mean training loss, and whether the epoch diverged.</returns>
    private static (double Loss, bool Diverged) RunEpoch(
        ITrainer trainer, TrainingSet training, BatchBuffers buffers, TrainingOptions options, int epoch,
        Stopwatch clock, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        int batchSize = options.BatchSize;
        Shuffle(buffers.Order, options.Seed, epoch);
        int batches = (training.Count + batchSize - 1) / batchSize;
        double lossSum = 0;
        int seen = 0;
        for (int batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = System.Math.Min(batchSize, training.Count - batch * batchSize);
            for (int slot = 0; slot < rows; slot++)
            {
                training.CopyRow(
                    buffers.Order[batch * batchSize + slot], buffers.Features, buffers.Labels, buffers.Targets, slot);
            }

            float loss;
            try
            {
                ReadOnlySpan<float> input = buffers.Features.AsSpan(0, rows * training.FeatureCount);
                loss = training.HasLabels
                    ? trainer.Step(input, buffers.Labels.AsSpan(0, rows))
                    : trainer.Step(input, buffers.Targets.AsSpan(0, rows * training.TargetCount));
            }
            catch (NotFiniteNumberException)
            {
                // The trainer refused a NaN or infinite loss, or the optimizer such a gradient: the weights are as
                // they were.
                loss = float.NaN;
            }

            lossSum += (double)loss * rows;
            seen += rows;
            bool diverged = !float.IsFinite(loss);
            if (progress is not null
                && ((batch + 1) % options.ReportEvery == 0 || batch == batches - 1 || diverged))
            {
                progress.Report(new BatchProgress(
                    epoch, options.Epochs, batch + 1, batches, lossSum / seen, seen / clock.Elapsed.TotalSeconds));
            }

            if (diverged)
            {
                return (lossSum / seen, true);
            }
        }

        return (lossSum / seen, false);
    }

    /// <summary>The shuffled order and one batch of rows, allocated once per run.</summary>
    /// <remarks>No batch holds more rows than the set: a trainer's MaxBatchSize bounds its work rows, not its input,
    /// and a batch size whose rows of features pass int.MaxValue floats once overflowed this allocation on a set of
    /// two rows.</remarks>
    private sealed class BatchBuffers(TrainingSet training, int batchSize)
    {
        public int[] Order { get; } = new int[training.Count];

        public float[] Features { get; } = new float[batchSize * training.FeatureCount];

        public int[] Labels { get; } = new int[training.HasLabels ? batchSize : 0];

        public float[] Targets { get; } = new float[batchSize * training.TargetCount];
    }

    private static void Check(ITrainer trainer, TrainingSet training, TrainingSet? validation, TrainingOptions options)
    {
        if (options.Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be at least 1.");
        }

        // Once silently taken as 1: a value that cannot count batches is a mistake to report, not to guess at.
        if (options.ReportEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReportEvery,
                "ReportEvery counts batches between progress reports and must be at least 1 (1 reports every batch).");
        }

        if (options.KeepBestEpoch && (validation is null || validation.Count == 0))
        {
            throw new ArgumentException(
                "KeepBestEpoch picks an epoch by validation loss and needs a validation set"
                    + MissingOrEmpty(validation, "."),
                nameof(options));
        }

        if (options.Patience is { } patience)
        {
            if (patience < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), patience,
                    "Patience counts epochs without a lower validation loss and must be at least 1.");
            }

            if (validation is null || validation.Count == 0)
            {
                throw new ArgumentException(
                    "Patience stops on the validation loss and needs a validation set"
                        + MissingOrEmpty(validation, "; without one, leave it null."),
                    nameof(options));
            }
        }

        if (options.BatchSize < 1 || options.BatchSize > trainer.MaxBatchSize)
        {
            // The maximum is fixed where the trainer was made (256 by default), far from the options that exceed it.
            throw new ArgumentException(
                $"The batch size must be between 1 and the trainer's MaxBatchSize ({trainer.MaxBatchSize}"
                    + $"), not {options.BatchSize}"
                    + (options.BatchSize < 1 ? "."
                        : $": create the trainer with CreateTrainer(optimizer, maxBatchSize: {options.BatchSize}) or "
                            + "more."),
                nameof(options));
        }

        if (training.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(training));
        }

        if (options.Schedule is { } schedule)
        {
            ScheduledRate(schedule, 1);
        }

        CheckSet(trainer, training, "the training set", nameof(training));
        if (validation is not null)
        {
            CheckSet(trainer, validation, "the validation set", nameof(validation));
        }
    }

    /// <summary>The schedule's rate for <paramref name="epoch"/> (counted from 1, as reports count), refused when no
    /// optimizer could take it.</summary>
    /// <remarks>The optimizer's setter once refused it mid-run as "LearningRate must be a finite number", naming
    /// neither the schedule nor the epoch.</remarks>
    private static float ScheduledRate(ILearningRateSchedule schedule, int epoch)
    {
        float rate = schedule.LearningRate(epoch - 1);
        if (!float.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException("options", rate,
                $"The schedule gives {rate} as the learning rate of epoch {epoch} (its LearningRate({epoch - 1})): a "
                    + "rate must be finite and at least 0. "
                    + (epoch == 1
                        ? "Nothing was trained."
                        : $"The run stopped before that epoch; the network holds the weights of epoch {epoch - 1}."));
        }

        return rate;
    }

    // A slice of 0 rows is a validation set the caller did pass, perhaps cut from data shorter than they thought:
    // telling them to give one would send them looking for the wrong mistake.
    private static string MissingOrEmpty(TrainingSet? validation, string whenMissing)
        => validation is null ? whenMissing : ", and the validation set given has no rows.";

    /// <summary>Refuses a set that does not suit the trainer, once, with rows numbered as in the set: the trainer's
    /// own checks see only a shuffled batch.</summary>
    private static void CheckSet(ITrainer trainer, TrainingSet set, string setName, string parameterName)
    {
        INetwork network = trainer.Network;
        if (set.FeatureCount != network.InputSize)
        {
            throw new ArgumentException(
                $"The network takes {network.InputSize} features, {setName} has {set.FeatureCount} per row.",
                parameterName);
        }

        if (set.HasLabels)
        {
            if (trainer.Loss != Loss.CrossEntropy)
            {
                throw new ArgumentException(
                    $"Class indices need a Softmax output trained with cross-entropy, but this network trains on "
                        + $"{trainer.Loss}. Give {setName} target vectors with TrainingSet.WithTargets: "
                        + (trainer.Loss == Loss.BinaryCrossEntropy
                            ? "for a Sigmoid output, one value from 0 to 1 per output."
                            : "the values each output should produce."),
                    parameterName);
            }

            ReadOnlySpan<int> labels = set.Labels;
            for (int row = 0; row < labels.Length; row++)
            {
                if ((uint)labels[row] >= (uint)network.OutputSize)
                {
                    throw new ArgumentOutOfRangeException(parameterName, labels[row],
                        $"The label of row {row} in {setName} is {labels[row]}, not a class index from 0 to "
                            + $"{network.OutputSize - 1}.");
                }
            }

            return;
        }

        if (set.TargetCount != network.OutputSize)
        {
            throw new ArgumentException(
                $"The network has {network.OutputSize} outputs, the targets of {setName} have {set.TargetCount}.",
                parameterName);
        }

        Losses.CheckTargets(set.Targets, set.TargetCount, trainer.Loss, setName, parameterName);
    }
}

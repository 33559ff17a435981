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
    /// <summary>Trains until the epochs run out, early stopping triggers, or <paramref name="cancellationToken"/> is
    /// cancelled (which throws <see cref="OperationCanceledException"/> between batches).</summary>
    /// <param name="trainer">The network's trainer.</param>
    /// <param name="training">The rows to learn from.</param>
    /// <param name="validation">Rows to evaluate after each epoch, or null.</param>
    /// <param name="options">Epochs, batch size, seed, schedule, early stopping; defaults when null.</param>
    /// <param name="progress">Receives a <see cref="BatchProgress"/> every few batches and an
    /// <see cref="EpochReport"/> per epoch.</param>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    public static TrainingHistory Run(
        ITrainer trainer, TrainingSet training, TrainingSet? validation, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new TrainingOptions();
        Check(trainer, training, validation, options);
        int batchSize = options.BatchSize;
        var order = new int[training.Count];
        var features = new float[batchSize * training.FeatureCount];
        var labels = new int[training.HasLabels ? batchSize : 0];
        var targets = new float[batchSize * training.TargetCount];
        float[]? bestWeights = null;
        var reports = new List<EpochReport>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Schedule is not null)
            {
                trainer.Optimizer.LearningRate = options.Schedule.LearningRate(epoch - 1);
            }

            var clock = Stopwatch.StartNew();
            Shuffle(order, options.Seed, epoch);
            int batches = (training.Count + batchSize - 1) / batchSize;
            double lossSum = 0;
            int seen = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = System.Math.Min(batchSize, training.Count - batch * batchSize);
                for (int slot = 0; slot < rows; slot++)
                {
                    training.CopyRow(order[batch * batchSize + slot], features, labels, targets, slot);
                }

                ReadOnlySpan<float> input = features.AsSpan(0, rows * training.FeatureCount);
                float loss = training.HasLabels
                    ? trainer.Step(input, labels.AsSpan(0, rows))
                    : trainer.Step(input, targets.AsSpan(0, rows * training.TargetCount));
                lossSum += (double)loss * rows;
                seen += rows;
                if (progress is not null
                    && ((batch + 1) % System.Math.Max(1, options.ReportEvery) == 0 || batch == batches - 1))
                {
                    progress.Report(new BatchProgress(
                        epoch, options.Epochs, batch + 1, batches, lossSum / seen, seen / clock.Elapsed.TotalSeconds));
                }
            }

            // Only the validation loss is monitored: without a validation set the last epoch counts as the best.
            Evaluation? evaluation = validation is null || validation.Count == 0 ? null : Evaluate(trainer, validation);
            bool isBest = evaluation is { } evaluated && evaluated.Loss < bestLoss;
            if (evaluation is null)
            {
                bestEpoch = epoch;
            }
            else if (isBest)
            {
                bestLoss = evaluation.Value.Loss;
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                if ((options.Patience is not null && options.RestoreBestWeights) || options.KeepBestEpoch)
                {
                    bestWeights ??= new float[trainer.Network.ParameterCount];
                    trainer.Network.ExportParameters(bestWeights);
                }
            }
            else
            {
                epochsWithoutImprovement++;
            }

            var report = new EpochReport(
                epoch, options.Epochs, lossSum / seen, evaluation, trainer.Optimizer.LearningRate, clock.Elapsed,
                isBest);
            reports.Add(report);
            progress?.Report(report);

            // Patience that runs out on the last epoch still restores the best weights.
            if (options.Patience is { } patience && epochsWithoutImprovement >= patience)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (((stoppedEarly && options.RestoreBestWeights) || options.KeepBestEpoch) && bestWeights is not null)
        {
            trainer.Network.ImportParameters(bestWeights);
        }

        return new TrainingHistory(reports, stoppedEarly, bestEpoch);
    }

    /// <summary>The loss and accuracy of the network on a set.</summary>
    public static Evaluation Evaluate(ITrainer trainer, TrainingSet set)
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

    private static void Check(ITrainer trainer, TrainingSet training, TrainingSet? validation, TrainingOptions options)
    {
        if (options.Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be at least 1.");
        }

        if (options.KeepBestEpoch && (validation is null || validation.Count == 0))
        {
            throw new ArgumentException(
                "KeepBestEpoch picks an epoch by validation loss and needs a validation set.", nameof(options));
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
                    "Patience stops on the validation loss and needs a validation set; without one, leave it null.",
                    nameof(options));
            }
        }

        if (options.BatchSize < 1 || options.BatchSize > trainer.MaxBatchSize)
        {
            throw new ArgumentException(
                $"The batch size must be between 1 and the trainer's MaxBatchSize ({trainer.MaxBatchSize}"
                    + $"), not {options.BatchSize}.",
                nameof(options));
        }

        foreach (TrainingSet? set in new[] { training, validation })
        {
            if (set is null)
            {
                continue;
            }

            if (set.FeatureCount != trainer.Network.InputSize)
            {
                throw new ArgumentException(
                    $"The network takes {trainer.Network.InputSize} features, the data has {set.FeatureCount}.");
            }

            if (!set.HasLabels && set.TargetCount != trainer.Network.OutputSize)
            {
                throw new ArgumentException(
                    $"The network has {trainer.Network.OutputSize} outputs, the targets have {set.TargetCount}.");
            }

            if (set.HasLabels && trainer.Loss != Loss.CrossEntropy)
            {
                throw new ArgumentException(
                    $"Class labels need a cross-entropy network; this one trains on {trainer.Loss}"
                        + $": give target vectors.");
            }
        }

        if (training.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(training));
        }
    }
}

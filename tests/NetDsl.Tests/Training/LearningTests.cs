using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>Networks that must learn: XOR with a 2-8-1 Tanh network, two interleaved spirals to 95 % training
/// accuracy within a fixed epoch budget, and the training loop's determinism, early stopping and reports.</summary>
public class LearningTests
{
    [Fact]
    public void A_2_8_1_tanh_network_learns_XOR()
    {
        var network = new Xor();
        ITrainer trainer = network.CreateTrainer(new Adam(0.05f), 4);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        for (int step = 0; step < 500; step++)
        {
            trainer.Step(inputs, targets);
        }

        var outputs = new float[4];
        network.ForwardBatch(inputs, outputs);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(
                System.Math.Abs(outputs[i] - targets[i]) < 0.1,
                $"XOR({inputs[2 * i]}, {inputs[2 * i + 1]}) = {outputs[i]}");
        }

        Assert.Equal(1.0, trainer.Evaluate(inputs, targets).Accuracy);
    }

    [Fact]
    public void A_small_network_separates_two_interleaved_spirals()
    {
        TrainingSet spirals = Spirals(pointsPerArm: 200);
        var network = new Spirals();
        ITrainer trainer = network.CreateTrainer(new Adam(0.01f), 32);
        TrainingLoop.Run(trainer, spirals, null, new TrainingOptions { Epochs = 150, BatchSize = 32, Seed = 1 });
        Evaluation result = TrainingLoop.Evaluate(trainer, spirals);
        Assert.True(result.Accuracy >= 0.95, $"training accuracy {result.Accuracy:P1} after 150 epochs");
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_bit_for_bit()
    {
        TrainingSet spirals = Spirals(pointsPerArm: 100);
        float[] first = TrainBriefly(spirals, seed: 5);
        float[] second = TrainBriefly(spirals, seed: 5);
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(first, TrainBriefly(spirals, seed: 6));
    }

    [Fact]
    public void Steps_allocate_nothing_after_the_first()
    {
        var network = new WideNet();
        ITrainer trainer = network.CreateTrainer(new Adam(), 32);
        var random = new Random(3);
        float[] inputs = Enumerable.Range(0, 32 * WideNet.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = GradientCheckTests.Targets(Loss.CrossEntropy, random, 32, WideNet.OutputSize);
        int[] labels = Enumerable.Range(0, 32).Select(i => i % WideNet.OutputSize).ToArray();
        trainer.Step(inputs, labels);
        trainer.Step(inputs, targets);
        trainer.Evaluate(inputs, labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            trainer.Step(inputs, labels);
            trainer.Step(inputs.AsSpan(0, 7 * WideNet.InputSize), labels.AsSpan(0, 7));
            trainer.Step(inputs, targets);
            trainer.Evaluate(inputs, labels);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Early_stopping_ends_the_run_and_restores_the_best_epoch()
    {
        // A learning rate far too large makes the validation loss climb after the first epochs.
        TrainingSet spirals = Spirals(pointsPerArm: 100);
        var network = new Spirals();
        ITrainer trainer = network.CreateTrainer(new Sgd(3f), 32);
        var reports = new List<EpochReport>();
        TrainingHistory history = TrainingLoop.Run(
            trainer, spirals.Slice(0, 150), spirals.Slice(150, 50),
            new TrainingOptions { Epochs = 50, Patience = 3, Seed = 2 },
            new SynchronousProgress(p => { if (p is EpochReport r) reports.Add(r); }));

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 3, history.Epochs.Count);
        Assert.Equal(history.Epochs.Count, reports.Count);
        double bestLoss = history.Epochs[history.BestEpoch - 1].Validation!.Value.Loss;
        Assert.Equal(bestLoss, TrainingLoop.Evaluate(trainer, spirals.Slice(150, 50)).Loss, 1e-9);
    }

    [Fact]
    public void KeepBestEpoch_ends_a_full_run_with_the_weights_of_the_lowest_validation_loss()
    {
        TrainingSet spirals = Spirals(pointsPerArm: 100);
        var network = new Spirals();
        ITrainer trainer = network.CreateTrainer(new Sgd(3f), 32);
        TrainingHistory history = TrainingLoop.Run(
            trainer, spirals.Slice(0, 150), spirals.Slice(150, 50),
            new TrainingOptions { Epochs = 12, KeepBestEpoch = true, Seed = 2 });

        Assert.False(history.StoppedEarly);
        Assert.Equal(12, history.Epochs.Count);
        Assert.True(history.BestEpoch < 12, "the test needs a run whose last epoch is not its best");
        double bestLoss = history.Epochs.Min(e => e.Validation!.Value.Loss);
        Assert.Equal(bestLoss, history.Epochs[history.BestEpoch - 1].Validation!.Value.Loss);
        Assert.Equal(bestLoss, TrainingLoop.Evaluate(trainer, spirals.Slice(150, 50)).Loss, 1e-9);

        Assert.Throws<ArgumentException>(() => TrainingLoop.Run(
            network.CreateTrainer(new Sgd(3f), 32), spirals, null, new TrainingOptions { KeepBestEpoch = true }));
    }

    [Fact]
    public void Progress_reports_batches_and_epochs_and_schedules_set_the_rate()
    {
        TrainingSet spirals = Spirals(pointsPerArm: 50);
        var network = new Spirals();
        ITrainer trainer = network.CreateTrainer(new Adam(), 16);
        var progress = new List<TrainingProgress>();
        TrainingLoop.Run(
            trainer, spirals, spirals,
            new TrainingOptions
            {
                Epochs = 3, BatchSize = 16, ReportEvery = 1, Schedule = new StepDecay(0.01f, 1, 0.5f),
            },
            new SynchronousProgress(progress.Add));

        Assert.Equal(3 * 7, progress.OfType<BatchProgress>().Count());
        Assert.Equal([0.01f, 0.005f, 0.0025f], progress.OfType<EpochReport>().Select(r => r.LearningRate));
        Assert.All(progress.OfType<EpochReport>(), r => Assert.Equal(100, r.Validation!.Value.Count));
    }

    private static float[] TrainBriefly(TrainingSet data, ulong seed)
    {
        var network = new Spirals();
        ITrainer trainer = network.CreateTrainer(new Adam(0.01f), 16);
        TrainingLoop.Run(trainer, data, null, new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = seed });
        var weights = new float[Models.Spirals.ParameterCount];
        network.ExportParameters(weights);
        return weights;
    }

    /// <summary>Two arms r = t, θ = 4πt (+π for the second arm), t in (0.05, 1], interleaved.</summary>
    internal static TrainingSet Spirals(int pointsPerArm)
    {
        var features = new float[4 * pointsPerArm];
        var labels = new int[2 * pointsPerArm];
        for (int i = 0; i < pointsPerArm; i++)
        {
            double t = 0.05 + 0.95 * i / (pointsPerArm - 1);
            for (int arm = 0; arm < 2; arm++)
            {
                int row = 2 * i + arm;
                double angle = 4 * System.Math.PI * t + arm * System.Math.PI;
                features[2 * row] = (float)(t * System.Math.Cos(angle));
                features[2 * row + 1] = (float)(t * System.Math.Sin(angle));
                labels[row] = arm;
            }
        }

        return TrainingSet.WithLabels(features, 2, labels);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

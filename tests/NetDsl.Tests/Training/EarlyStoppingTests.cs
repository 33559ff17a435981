using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// The training loop's early stopping and best-epoch bookkeeping against a scripted trainer, whose validation loss
/// per epoch is given and whose weights after epoch k are all k, so that the weights a run ends with name the epoch
/// they come from.
/// </summary>
public class EarlyStoppingTests
{
    [Theory]
    // Best epoch 7; epochs 8, 9 and 10 do not improve: patience 3 runs out on the last epoch, which once kept the
    // weights of epoch 10 because only a run that stopped before its last epoch restored the best.
    [InlineData(new double[] { 10, 9, 8, 7, 6, 5, 4, 5, 6, 7 }, 3, 7, 10, true)]
    // Patience runs out at epoch 5, before the last: the run stops there with epoch 2's weights.
    [InlineData(new double[] { 3, 2, 4, 5, 6, 1, 1, 1, 1, 1 }, 3, 2, 5, true)]
    // Best epoch 8 and two epochs without improvement: patience 3 never runs out, the last epoch's weights stay.
    [InlineData(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 5, 6 }, 3, 10, 10, false)]
    // A tie is no improvement: patience 2 runs out at epoch 4.
    [InlineData(new double[] { 5, 4, 4, 4, 1, 1, 1, 1, 1, 1 }, 2, 2, 4, true)]
    public void Patience_restores_the_best_weights_whenever_it_runs_out(
        double[] validationLosses, int patience, int expectedWeights, int expectedEpochs, bool expectedStop)
    {
        var trainer = new ScriptedTrainer(validationLosses);
        var options = new TrainingOptions { Epochs = 10, BatchSize = 2, Patience = patience };
        TrainingHistory history = TrainingLoop.Run(trainer, ScriptedTrainer.Data(4), ScriptedTrainer.Data(2), options);

        Assert.Equal(expectedEpochs, history.Epochs.Count);
        Assert.Equal(expectedStop, history.StoppedEarly);
        Assert.Null(history.DivergedEpoch);
        Assert.Equal([expectedWeights, expectedWeights], trainer.Weights());
        int best = Array.IndexOf(validationLosses, validationLosses.Take(expectedEpochs).Min()) + 1;
        Assert.Equal(best, history.BestEpoch);
        IEnumerable<bool> lowestSoFar = Enumerable.Range(1, expectedEpochs)
            .Select(e => validationLosses.Take(e - 1).All(l => validationLosses[e - 1] < l));
        Assert.Equal(lowestSoFar, history.Epochs.Select(r => r.IsBest));
    }

    [Fact]
    public void Without_restoring_the_run_stopped_by_patience_keeps_its_last_weights()
    {
        var trainer = new ScriptedTrainer([10, 9, 8, 7, 6, 5, 4, 5, 6, 7]);
        TrainingHistory history = TrainingLoop.Run(trainer, ScriptedTrainer.Data(4), ScriptedTrainer.Data(2),
            new TrainingOptions { Epochs = 10, BatchSize = 2, Patience = 3, RestoreBestWeights = false });
        Assert.True(history.StoppedEarly);
        Assert.Equal([10f, 10f], trainer.Weights());
    }

    [Fact]
    public void Patience_needs_a_validation_set_and_at_least_one_epoch()
    {
        // It watches the validation loss; without one it once watched the training loss instead, silently. Patience 0
        // once stopped after the first epoch whatever the loss did.
        var trainer = new ScriptedTrainer([1, 2, 3]);
        foreach (TrainingSet? validation in new[] { null, ScriptedTrainer.Data(0) })
        {
            var options = new TrainingOptions { Epochs = 3, BatchSize = 2, Patience = 1 };
            var error = Assert.Throws<ArgumentException>(
                () => TrainingLoop.Run(trainer, ScriptedTrainer.Data(4), validation, options));
            Assert.Contains("validation set", error.Message);
            Assert.Equal("options", error.ParamName);
        }

        foreach (int patience in new[] { 0, -1 })
        {
            var options = new TrainingOptions { Patience = patience, BatchSize = 2 };
            var error = Assert.Throws<ArgumentOutOfRangeException>(
                () => TrainingLoop.Run(trainer, ScriptedTrainer.Data(4), ScriptedTrainer.Data(2), options));
            Assert.Contains("at least 1", error.Message);
        }

        Assert.Equal(0, trainer.Steps);
    }

    [Fact]
    public void An_empty_validation_set_is_called_empty_not_missing()
    {
        // A slice of 0 rows, passed on purpose, was once told "needs a validation set; without one, leave it null".
        var trainer = new ScriptedTrainer([1, 2, 3]);
        foreach (TrainingOptions options in new[]
        {
            new TrainingOptions { Epochs = 3, BatchSize = 2, Patience = 1 },
            new TrainingOptions { Epochs = 3, BatchSize = 2, KeepBestEpoch = true },
        })
        {
            var error = Assert.Throws<ArgumentException>(
                () => TrainingLoop.Run(trainer, ScriptedTrainer.Data(4), ScriptedTrainer.Data(0), options));
            Assert.Contains("the validation set given has no rows", error.Message, StringComparison.Ordinal);
            Assert.Equal("options", error.ParamName);
        }

        Assert.Equal(0, trainer.Steps);
    }

    [Fact]
    public void Without_validation_the_best_epoch_is_the_last_and_no_epoch_is_marked_best()
    {
        // BestEpoch and IsBest are about the validation loss; a falling, then rising training loss must not move them.
        var trainer = new ScriptedTrainer([], trainingLosses: [5, 1, 2, 3]);
        TrainingHistory history = TrainingLoop.Run(
            trainer, ScriptedTrainer.Data(2), null, new TrainingOptions { Epochs = 4, BatchSize = 2 });
        Assert.Equal(4, history.BestEpoch);
        Assert.False(history.StoppedEarly);
        Assert.All(history.Epochs, r => Assert.False(r.IsBest));
        Assert.Equal([5.0, 1, 2, 3], history.Epochs.Select(r => r.TrainingLoss));
        Assert.Equal([4f, 4f], trainer.Weights());
    }

    [Theory]
    // A NaN loss in epoch 3: the run stops there and restores epoch 2, the best so far (epoch 3's validation loss
    // would be lower, but a diverged epoch is never the best).
    [InlineData(new double[] { 3, 2, 1, 0, 0 }, new double[] { 1, 1, double.NaN, 1, 1 }, 3, 2)]
    // An infinite loss in epoch 2 after a best epoch 1.
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, double.PositiveInfinity, 1, 1, 1 }, 2, 1)]
    // Without validation the best epoch is the last that ended well.
    [InlineData(new double[0], new double[] { 1, 1, 1, double.NaN, 1 }, 4, 3)]
    public void A_loss_that_is_not_finite_stops_the_run_and_restores_the_best_epoch(
        double[] validationLosses, double[] trainingLosses, int expectedDiverged, int expectedBest)
    {
        // The loop once trained on with NaN losses and left NaN weights.
        var trainer = new ScriptedTrainer(validationLosses, trainingLosses);
        TrainingSet? validation = validationLosses.Length == 0 ? null : ScriptedTrainer.Data(2);
        TrainingHistory history = TrainingLoop.Run(
            trainer, ScriptedTrainer.Data(2), validation, new TrainingOptions { Epochs = 5, BatchSize = 2 });

        Assert.Equal(expectedDiverged, history.DivergedEpoch);
        Assert.Equal(expectedDiverged, history.Epochs.Count);
        Assert.Equal(expectedBest, history.BestEpoch);
        Assert.False(history.StoppedEarly);
        Assert.False(history.Epochs[^1].IsBest);
        Assert.False(double.IsFinite(history.Epochs[^1].TrainingLoss));
        Assert.Equal([expectedBest, expectedBest], trainer.Weights());
    }

    [Fact]
    public void A_run_that_diverges_in_its_first_epoch_puts_back_the_weights_from_before_training()
    {
        var trainer = new ScriptedTrainer([5, 5], trainingLosses: [double.NaN, 1]);
        trainer.Network.ImportParameters([0.25f, -0.5f]);

        TrainingHistory history = TrainingLoop.Run(trainer, ScriptedTrainer.Data(2), ScriptedTrainer.Data(2),
            new TrainingOptions { Epochs = 2, BatchSize = 2, KeepBestEpoch = true });

        Assert.Equal(1, history.DivergedEpoch);
        Assert.Equal(0, history.BestEpoch);
        Assert.Equal([0.25f, -0.5f], trainer.Weights());
    }

    [Fact]
    public void Weights_that_stop_being_finite_end_the_run_even_when_every_loss_was_finite()
    {
        // The last update of an epoch can overflow the weights before any loss shows it.
        var trainer = new ScriptedTrainer([], trainingLosses: [1, 1, 1], poisonedEpoch: 2);

        TrainingHistory history = TrainingLoop.Run(
            trainer, ScriptedTrainer.Data(2), null, new TrainingOptions { Epochs = 3, BatchSize = 2 });

        Assert.Equal(2, history.DivergedEpoch);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(1.0, history.Epochs[^1].TrainingLoss);
        Assert.Equal([1f, 1f], trainer.Weights());
    }

    [Fact]
    public void An_optimizer_that_refuses_a_gradient_is_divergence_too()
    {
        var trainer = new ScriptedTrainer([], trainingLosses: [1, 1, 1], refusedEpoch: 2);

        TrainingHistory history = TrainingLoop.Run(
            trainer, ScriptedTrainer.Data(2), null, new TrainingOptions { Epochs = 3, BatchSize = 2 });

        Assert.Equal(2, history.DivergedEpoch);
        Assert.True(double.IsNaN(history.Epochs[^1].TrainingLoss));
        Assert.Equal([1f, 1f], trainer.Weights());
    }

    /// <summary>Steps set every weight to the current epoch; evaluations return the scripted validation loss of the
    /// epoch. One step per epoch when the training set holds one batch. In <paramref name="poisonedEpoch"/> the step
    /// sets NaN weights and returns a finite loss; in <paramref name="refusedEpoch"/> it throws as an optimizer that
    /// refuses a NaN gradient does.</summary>
    private sealed class ScriptedTrainer(
        double[] validationLosses, double[]? trainingLosses = null, int poisonedEpoch = 0, int refusedEpoch = 0)
        : ITrainer
    {
        private readonly Logit1 _network = new();
        private int _evaluations;

        public int Steps { get; private set; }

        public INetwork Network => _network;

        public IOptimizer Optimizer { get; } = new Sgd(0.1f);

        public Loss Loss => Loss.BinaryCrossEntropy;

        public int MaxBatchSize => 4;

        public long StepCount => Steps;

        public int LastBatchSize => 0;

        public static TrainingSet Data(int rows) => TrainingSet.WithTargets(new float[rows], 1, new float[rows], 1);

        public float[] Weights()
        {
            var weights = new float[Logit1.ParameterCount];
            _network.ExportParameters(weights);
            return weights;
        }

        public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            int epoch = trainingLosses is null ? _evaluations + 1 : Steps + 1;
            Steps++;
            if (epoch == refusedEpoch)
            {
                throw new NotFiniteNumberException("A gradient is NaN.", double.NaN);
            }

            float weight = epoch == poisonedEpoch ? float.NaN : epoch;
            _network.ImportParameters([weight, weight]);
            return trainingLosses is null ? 1f : (float)trainingLosses[epoch - 1];
        }

        public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            => new(validationLosses[_evaluations++], double.NaN, inputs.Length);

        public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => throw Unused;

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => throw Unused;

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw Unused;

        public void ExportGradients(Span<float> destination) => throw Unused;

        public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => throw Unused;

        public void ExportActivations(int layer, Span<float> destination) => throw Unused;

        public void ExportPreActivations(int layer, Span<float> destination) => throw Unused;

        private static NotSupportedException Unused => new("The training loop does not call this member.");
    }
}

using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// One NaN once corrupted a network for good: <c>trainer.Step([NaN, ...], ...)</c> made every later Forward NaN, and
/// a training loop over data with one NaN pixel ran every epoch on NaN losses. Data with NaN or infinities is refused
/// where it enters, a step with a non-finite loss or gradient changes nothing, and targets outside the loss's domain
/// are refused by row.
/// </summary>
public class NonFiniteTests
{
    public static TheoryData<float> NonFinite => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void The_finite_check_finds_the_first_bad_value_at_every_length_and_place(float bad)
    {
        // Lengths around every vector width and around the 16384-value blocks it sums.
        int[] lengths = [.. Enumerable.Range(0, 70), 16383, 16384, 16385, 33000];
        foreach (int length in lengths)
        {
            float[] values = [.. Enumerable.Range(0, length).Select(i => i % 3 == 0 ? float.MaxValue : -i * 0.5f)];
            Assert.Equal(-1, FiniteCheck.FirstNonFinite(values));
            IEnumerable<int> places = Enumerable.Range(0, length).Where(p => length < 100 || p % 4999 == 0);
            foreach (int place in places.Append(length - 1).Distinct().Where(p => p >= 0))
            {
                float[] poisoned = (float[])values.Clone();
                poisoned[place] = bad;
                poisoned[^1] = length - 1 > place ? float.NaN : poisoned[^1];
                Assert.Equal(place, FiniteCheck.FirstNonFinite(poisoned));
            }
        }
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_step_on_a_non_finite_input_leaves_the_network_as_it_was(float bad)
    {
        // ReLU hidden units (whose max(x, 0) can hide a NaN from the loss) and Tanh ones.
        foreach (INetwork network in new INetwork[] { new CrossEntropyNet(), new BinaryCrossEntropyNet() })
        {
            ITrainer trainer = network.CreateTrainer(new Adam(), 4);
            float[] before = Parameters(network);
            float[] input = new float[network.InputSize];
            input[0] = bad;

            var error = Assert.Throws<NotFiniteNumberException>(
                () => trainer.Step(input, new float[network.OutputSize]));

            Assert.Contains("the parameters were left unchanged", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Parameters(network));
            var output = new float[network.OutputSize];
            network.Forward(new float[network.InputSize], output);
            Assert.All(output, value => Assert.True(float.IsFinite(value)));
        }
    }

    [Fact]
    public void After_a_refused_step_training_goes_on()
    {
        var network = new CrossEntropyNet();
        ITrainer trainer = network.CreateTrainer(new Adam(), 4);
        float[] poisoned = [float.NaN, 0, 0, 0, 0, 0, 0];

        Assert.Throws<NotFiniteNumberException>(() => trainer.Step(poisoned, [1]));
        Assert.Equal(0, trainer.StepCount); // a refused update is no step: Adam's next bias correction is for t = 1
        float loss = trainer.Step([1, 0, 0, 0, 0, 0, 0], [1]);

        Assert.True(float.IsFinite(loss));
        Assert.Equal(1, trainer.StepCount);
        var output = new float[5];
        network.Forward(poisoned.Select(x => float.IsNaN(x) ? 0 : x).ToArray(), output);
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    public static TheoryData<string> LossesPastFloat
        => new()
        {
            "mean squared error", "cross-entropy on labels", "cross-entropy on targets", "binary cross-entropy"
        };

    [Theory]
    [MemberData(nameof(LossesPastFloat))]
    public void A_step_whose_loss_is_past_float_is_refused_by_every_optimizer_and_changes_nothing(string loss)
    {
        // A mean squared error target of 3e38 under Sgd once returned a loss of +∞, applied its finite gradient, and
        // made the next step's gradient NaN. Each loss has such a batch: finite values, finite gradients, a loss that
        // float cannot hold (logits of ±3e38 for cross-entropy; a logit of 2·3e38 = +∞ for binary cross-entropy).
        Func<IOptimizer>[] optimizers =
        [
            () => new Sgd(0.1f), () => new Sgd(0.1f, momentum: 0.9f), () => new Sgd(0.1f, 0.9f, nesterov: true),
            () => new Adam(), () => new AdamW(),
        ];
        foreach (Func<IOptimizer> optimizer in optimizers)
        {
            Overflow batch = Overflowing(loss);
            INetwork network = batch.Create();
            ITrainer trainer = network.CreateTrainer(optimizer(), 4);
            int[] before = Bits(Parameters(network));
            Assert.False(float.IsFinite(batch.Extreme(trainer, false)));
            var gradients = new float[network.ParameterCount];
            trainer.ExportGradients(gradients);
            Assert.All(gradients, g => Assert.True(float.IsFinite(g))); // so no optimizer's own check would refuse it

            var error = Assert.Throws<NotFiniteNumberException>(() => batch.Extreme(trainer, true));

            Assert.StartsWith("The loss is ", error.Message, StringComparison.Ordinal);
            Assert.Contains("the parameters were left unchanged", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Bits(Parameters(network)));
            Assert.Equal(0, trainer.StepCount);

            // The optimizer's state is untouched too: the next step is bit for bit a new trainer's first.
            batch.Ordinary(trainer);
            INetwork twin = batch.Create();
            batch.Ordinary(twin.CreateTrainer(optimizer(), 4));
            Assert.Equal(Bits(Parameters(twin)), Bits(Parameters(network)));
            Assert.Equal(1, trainer.StepCount);
        }
    }

    /// <summary>A network with fixed weights, a batch whose loss is past float's range (a step when the flag is
    /// set, else ComputeGradients), and an ordinary step.</summary>
    private sealed record Overflow(
        Func<INetwork> Create, Func<ITrainer, bool, float> Extreme, Action<ITrainer> Ordinary);

    private static Overflow Overflowing(string loss) => loss switch
    {
        "mean squared error" => new(
            () => Imported(new OutputLinear(), i => (i % 7 - 3) * 0.125f),
            (t, step) => step
                ? t.Step(new float[6], [3e38f, 0, 0, 0, 0])
                : t.ComputeGradients(new float[6], [3e38f, 0, 0, 0, 0]),
            t => t.Step([1, 0, 0, 0, 0, 0], [1f, 0, 0, 0, 0])),
        "cross-entropy on labels" => new(
            () => Imported(new Logits2(), i => i is 0 or 3 ? 1 : 0),
            (t, step) => step ? t.Step([3e38f, -3e38f], [1]) : t.ComputeGradients([3e38f, -3e38f], [1]),
            t => t.Step([1, -1], [1])),
        "cross-entropy on targets" => new(
            () => Imported(new Logits2(), i => i is 0 or 3 ? 1 : 0),
            (t, step) => step ? t.Step([3e38f, -3e38f], [0f, 1]) : t.ComputeGradients([3e38f, -3e38f], [0f, 1]),
            t => t.Step([1, -1], [0f, 1])),
        _ => new(
            () => Imported(new Logit1(), i => i == 0 ? 2 : 0),
            (t, step) => step ? t.Step([3e38f], [0f]) : t.ComputeGradients([3e38f], [0f]),
            t => t.Step([0.5f], [1f])),
    };

    private static INetwork Imported(INetwork network, Func<int, float> parameter)
    {
        network.ImportParameters([.. Enumerable.Range(0, network.ParameterCount).Select(parameter)]);
        return network;
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Optimizers_refuse_a_non_finite_gradient_and_change_nothing(float bad)
    {
        // 37 parameters: whole vectors and a tail, the bad gradient in each.
        IOptimizer[] optimizers = [new Sgd(0.1f), new Sgd(0.1f, momentum: 0.9f), new Adam(), new AdamW()];
        foreach (IOptimizer optimizer in optimizers)
        {
            for (int place = 0; place < 37; place++)
            {
                float[] parameters = [.. Enumerable.Range(0, 37).Select(i => i * 0.25f)];
                float[] state = [.. Enumerable.Range(0, 37 * optimizer.StateSlots).Select(i => i * 0.5f)];
                float[] gradients = [.. Enumerable.Range(0, 37).Select(i => 1f - i)];
                gradients[place] = bad;
                float[] parametersBefore = (float[])parameters.Clone(), stateBefore = (float[])state.Clone();

                var error = Assert.Throws<NotFiniteNumberException>(
                    () => optimizer.Update(parameters, gradients, state, 2));

                Assert.StartsWith($"A gradient is {bad}", error.Message, StringComparison.Ordinal);
                Assert.Equal(parametersBefore, parameters);
                Assert.Equal(stateBefore, state);
            }
        }
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_set_with_a_non_finite_feature_or_target_is_refused_by_row_and_column(float bad)
    {
        // Row 3000 of 7 features lies past the first block the check sums.
        float[] features = new float[4000 * 7];
        features[3000 * 7 + 3] = bad;
        var error = Assert.Throws<ArgumentException>(() => TrainingSet.WithLabels(features, 7, new int[4000]));
        Assert.StartsWith($"The features hold {bad} at row 3000, column 3: one value that is not finite makes every "
            + "weight NaN once trained on.", error.Message, StringComparison.Ordinal);
        Assert.Equal("features", error.ParamName);
        Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(features, 7, new float[4000], 1));

        float[] targets = new float[6];
        targets[5] = bad;
        error = Assert.Throws<ArgumentException>(() => TrainingSet.WithTargets(new float[6], 2, targets, 2));
        Assert.StartsWith($"The targets hold {bad} at row 2, column 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("targets", error.ParamName);
    }

    [Fact]
    public void A_run_that_overflows_stops_in_its_first_epoch_with_the_weights_from_before_training()
    {
        // A learning rate of 1e30 overflows the weights within a few steps.
        var network = new Spirals();
        float[] before = Parameters(network);
        ITrainer trainer = network.CreateTrainer(new Sgd(1e30f), 8);
        float[] features = [.. Enumerable.Range(0, 64).Select(i => (float)System.Math.Sin(i))];
        TrainingSet data = TrainingSet.WithLabels(features, 2, [.. Enumerable.Range(0, 32).Select(i => i % 2)]);

        TrainingHistory history =
            TrainingLoop.Run(trainer, data, data, new TrainingOptions { Epochs = 5, BatchSize = 8 });

        Assert.Equal(1, history.DivergedEpoch);
        Assert.Equal(0, history.BestEpoch);
        Assert.Single(history.Epochs);
        Assert.Equal(before, Parameters(network));
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(-0.5f)]
    [InlineData(float.NaN)]
    public void A_binary_cross_entropy_target_outside_0_and_1_is_refused_by_row(float target)
    {
        // A target of 2 was once accepted: the loss has no minimum and training follows it to infinity.
        var network = new Xor();
        ITrainer trainer = network.CreateTrainer(new Adam(), 4);
        float[] before = Parameters(network);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Step([0, 0, 0, 1], [1, target]));

        Assert.StartsWith($"Target 0 of row 1 in a batch is {target}: binary cross-entropy needs values from 0 to 1",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("targets", error.ParamName);
        Assert.Equal(before, Parameters(network));
        Assert.Equal(0, trainer.StepCount);

        if (float.IsNaN(target))
        {
            return;
        }

        // The loop checks the whole set first and numbers rows as the set does, not as a shuffled batch.
        TrainingSet data = TrainingSet.WithTargets(new float[10], 2, [0, 1, 0, target, 1], 1);
        error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TrainingLoop.Run(trainer, data, null, new TrainingOptions { BatchSize = 4 }));
        Assert.StartsWith(
            $"Target 0 of row 3 in the training set is {target}", error.Message, StringComparison.Ordinal);
        Assert.Equal("training", error.ParamName);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingLoop.Evaluate(trainer, data));
        Assert.StartsWith($"Target 0 of row 3 in the set is {target}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_entropy_and_squared_error_targets_are_refused_outside_their_domain()
    {
        ITrainer crossEntropy = new CrossEntropyNet().CreateTrainer(new Adam(), 4);
        float[] distribution = [0, 0, 1.5f, -0.5f, 0];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => crossEntropy.Step(new float[7], distribution));
        Assert.StartsWith($"Target 3 of row 0 in a batch is {-0.5f}: cross-entropy needs finite values of at least 0",
            error.Message, StringComparison.Ordinal);

        ITrainer squaredError = new OutputLinear().CreateTrainer(new Adam(), 4);
        error = Assert.Throws<ArgumentOutOfRangeException>(
            () => squaredError.Evaluate(new float[12], [0, 0, 0, 0, 0, 0, float.PositiveInfinity, 0, 0, 0]));
        Assert.StartsWith($"Target 1 of row 1 in a batch is {float.PositiveInfinity}: mean squared error needs finite",
            error.Message, StringComparison.Ordinal);
    }

    private static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }
}

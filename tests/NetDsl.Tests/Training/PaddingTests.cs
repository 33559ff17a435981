using NetDsl.Tests.Support;
using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// The optimizer updates the trainer's packed storage, whose layers are padded to whole blocks of 16 units, and the
/// kernels compute the padding lanes along with the real ones. Adam with ε = 0 once wrote 0/0 = NaN there on the first
/// step (padding has gradient 0); the NaN came back in the padding of the next gradients, which the optimizers check,
/// and every later step was refused as "training diverged". The trainer now zeroes the padding after every update,
/// so an optimizer always finds zeros there (IOptimizer's contract) and nothing it writes there reaches a real output
/// or gradient.
/// </summary>
public class PaddingTests
{
    [Theory]
    [InlineData("PaddedNet", false)]
    [InlineData("PaddedNet", true)]
    [InlineData("UnpaddedNet", true)]
    public void Adam_without_epsilon_trains_a_network_as_PyTorch_would(string model, bool decoupled)
    {
        // PyTorch allows ε = 0; then the first step moves every parameter by exactly −lr·sign(g) (plus AdamW's
        // decay). Three steps on different batches, each checked against ReferenceAdam in double, fed with the
        // trainer's own float gradients of that step.
        // Tolerance: the parameters stay below 0.6 in magnitude, where a float rounding is at most 2⁻²⁵ ≈ 3e-8. A
        // step rounds p twice (decay, move) and AdamW's decay factor 1 − lr·λ once (2e-8 on p), and the move, at most
        // about lr, carries some ten roundings of relative 2⁻²⁴ (6e-9 at lr = 1e-2): under 9e-8 a step, 2.6e-7 over
        // three; the bound used is 5e-7. The gradients are above 1e-6 in magnitude (checked), so v stays far above
        // the float subnormals, where precision would be lost.
        const float lr = 1e-2f, decay = 0.1f;
        INetwork network = GradientCheckTests.Create(model);
        IOptimizer optimizer = decoupled
            ? new AdamW(lr, epsilon: 0f, weightDecay: decay)
            : new Adam(lr, epsilon: 0f);
        ITrainer trainer = network.CreateTrainer(optimizer, 4);
        var reference = new ReferenceAdam(
            Parameters(network), lr, 0.9f, 0.999f, 0f, decoupled ? decay : 0f, decoupled);
        var random = new Random(3);

        for (int step = 1; step <= 3; step++)
        {
            float[] inputs = Uniform(random, 4 * network.InputSize);
            float[] targets = Uniform(random, 4 * network.OutputSize);
            float loss = trainer.Step(inputs, targets);
            float[] gradients = Gradients(trainer);
            Assert.True(float.IsFinite(loss), $"step {step}: loss {loss}");
            Assert.All(gradients, g => Assert.True(System.Math.Abs(g) > 1e-6, $"step {step}: gradient {g}"));
            reference.Step(gradients);

            float[] parameters = Parameters(network);
            for (int i = 0; i < parameters.Length; i++)
            {
                Assert.True(
                    System.Math.Abs(parameters[i] - reference.Parameters[i]) <= 5e-7,
                    $"step {step}, parameter {i}: {parameters[i]:R} vs {reference.Parameters[i]:R}");
            }
        }

        Assert.Equal(3, trainer.StepCount);
    }

    public static TheoryData<string> PaddedModels() =>
        ["PaddedNet", "WideNet", "BinaryCrossEntropyNet", "OutputSigmoid", "OutputPReLU", "HiddenPReLU"];

    [Theory]
    [MemberData(nameof(PaddedModels))]
    public void Garbage_an_optimizer_writes_into_padding_reaches_no_output_and_no_gradient(string model)
    {
        // A vandal optimizer does plain SGD on every parameter and writes NaN, infinities and huge values everywhere
        // else it may: into every padding position and all of its state. On every call it checks the contract that
        // padding reads 0 in both spans (before the fix the padding gradients came back NaN), and a twin network
        // trained by Sgd must come out the same, bit for bit: losses, gradients, parameters and outputs. The models
        // cover padded weight panels, biases and PReLU slopes, softmax cross-entropy, binary cross-entropy and the
        // output-slope kernel of mean squared error.
        const float lr = 0.05f;
        INetwork vandalized = GradientCheckTests.Create(model), twin = GradientCheckTests.Create(model);
        var random = new Random(model.Length);
        float[] start = NonZeroParameters(random, vandalized.ParameterCount);
        vandalized.ImportParameters(start);
        twin.ImportParameters(start);
        var vandal = new Vandal(lr, vandalized.ParameterCount);
        ITrainer trainer = vandalized.CreateTrainer(vandal, 5);
        ITrainer twinTrainer = twin.CreateTrainer(new Sgd(lr), 5);

        for (int step = 1; step <= 4; step++)
        {
            float[] inputs = Uniform(random, 5 * vandalized.InputSize);
            float[] targets = GradientCheckTests.Targets(trainer.Loss, random, 5, vandalized.OutputSize);
            Assert.Equal(twinTrainer.Step(inputs, targets), trainer.Step(inputs, targets));
            Assert.Equal(Bits(Gradients(twinTrainer)), Bits(Gradients(trainer)));
            Assert.Equal(Bits(Parameters(twin)), Bits(Parameters(vandalized)));
            Assert.Equal(Bits(Outputs(twin, inputs)), Bits(Outputs(vandalized, inputs)));
        }

        Assert.Equal(4, vandal.Calls);
    }

    [Fact]
    public void Garbage_written_by_an_optimizer_that_then_throws_is_cleared_too()
    {
        // The vandal moves the real parameters and fills the padding, then throws: no step is counted, but what it
        // wrote is the network's now. The padding must be zero again (an Sgd step checks every gradient, the
        // padding's too) and the trainer's row copies of the weights current (its gradients equal a new trainer's).
        const float lr = 0.05f;
        var network = new WideNet();
        var random = new Random(9);
        network.ImportParameters(NonZeroParameters(random, WideNet.ParameterCount));
        var vandal = new Vandal(lr, WideNet.ParameterCount) { ThrowAfterWriting = true };
        ITrainer trainer = network.CreateTrainer(vandal, 5);
        float[] inputs = Uniform(random, 5 * WideNet.InputSize);
        int[] labels = Enumerable.Range(0, 5).Select(_ => random.Next(WideNet.OutputSize)).ToArray();
        float[] before = Parameters(network);

        Assert.Throws<InvalidOperationException>(() => trainer.Step(inputs, labels));

        Assert.Equal(0, trainer.StepCount);
        Assert.NotEqual(Bits(before), Bits(Parameters(network)));
        ITrainer fresh = network.CreateTrainer(new Sgd(lr), 5);
        Assert.Equal(fresh.ComputeGradients(inputs, labels), trainer.ComputeGradients(inputs, labels));
        Assert.Equal(Bits(Gradients(fresh)), Bits(Gradients(trainer)));
        Assert.True(float.IsFinite(fresh.Step(inputs, labels)));
        Assert.Equal(1, fresh.StepCount);
    }

    /// <summary>
    /// Plain SGD on the real parameters, garbage everywhere else. IOptimizer's contract says padding positions read
    /// 0 in both spans on every call; the tests give every real parameter a non-zero value, so the zeros are exactly
    /// the padding, and there must be as many as the storage holds beyond the parameter count.
    /// </summary>
    private sealed class Vandal(float learningRate, int parameterCount) : IOptimizer
    {
        private static readonly float[] Garbage =
            [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -3e30f, 1e-45f];

        public float LearningRate { get; set; } = learningRate;

        public int StateSlots => 2;

        public int Calls { get; private set; }

        public bool ThrowAfterWriting { get; init; }

        public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
        {
            Calls++;
            int padding = 0;
            for (int i = 0; i < parameters.Length; i++)
            {
                if (parameters[i] == 0)
                {
                    Assert.Equal(0f, gradients[i]);
                    parameters[i] = Garbage[padding++ % Garbage.Length];
                }
                else
                {
                    parameters[i] -= LearningRate * gradients[i];
                }
            }

            Assert.Equal(parameters.Length - parameterCount, padding);
            Assert.True(padding > 0, "the model has no padding; the test would prove nothing");
            for (int i = 0; i < state.Length; i++)
            {
                state[i] = Garbage[i % Garbage.Length];
            }

            if (ThrowAfterWriting)
            {
                throw new InvalidOperationException("The vandal gives up after writing.");
            }
        }
    }

    /// <summary>Values in ±[0.05, 0.5]: never 0, so that only padding reads as 0.</summary>
    private static float[] NonZeroParameters(Random random, int count)
        => Enumerable.Range(0, count)
            .Select(_ => (float)((random.Next(2) * 2 - 1) * (0.05 + 0.45 * random.NextDouble())))
            .ToArray();

    private static float[] Uniform(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static float[] Outputs(INetwork network, float[] inputs)
    {
        var outputs = new float[inputs.Length / network.InputSize * network.OutputSize];
        network.ForwardBatch(inputs, outputs);
        return outputs;
    }

    private static float[] Gradients(ITrainer trainer)
    {
        var gradients = new float[trainer.Network.ParameterCount];
        trainer.ExportGradients(gradients);
        return gradients;
    }

    private static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}

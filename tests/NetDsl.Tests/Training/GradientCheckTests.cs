using NetDsl.Tests.Support;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// Every gradient the generated backward pass computes (weights, biases, PReLU slopes), against central finite
/// differences of a double-precision reference loss, for every activation, every loss, widths that are no multiple of
/// any vector width, and batch sizes 1, 3 and 32.
/// </summary>
/// <remarks>
/// Tolerance: |g − g_fd| ≤ 1e-3·|g_fd| + 1e-4·rms(g_fd). The finite differences themselves are exact to about 1e-9
/// (double loss, h = 1e-6: rounding ≈ 1e-16/h, truncation ≈ h²). The float gradient carries float32 rounding: each
/// delta and weight gradient is a sum of up to a few dozen products (relative error a few × 6e-8 × the sum of
/// magnitudes over the value), compounded over the layers and by the forward pass's own rounding, which stays well
/// within 1e-3 relative for gradients of ordinary size; the absolute floor at 1e-4 of the typical gradient covers
/// entries that nearly cancel, where relative error means nothing. A parameter whose ±h moves some pre-activation across
/// a kink of ReLU, LeakyReLU, PReLU, SELU or HardSigmoid has no finite-difference derivative to compare with; those are
/// skipped, and the test fails if they are more than 5% of the parameters. They are rarely a chance near miss: in
/// HiddenReLU at batch 32 one row switches off every first-layer unit, so each second-layer pre-activation equals its
/// bias, exactly 0, and all nine second-layer biases straddle the kink (3% of the parameters).
/// </remarks>
public class GradientCheckTests
{
    private const double Step = 1e-6;

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        string[] activations = ["Linear", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "PReLU", "ELU", "SELU", "GELU", "GeluTanh",
            "SiLU", "Softplus", "Softsign", "HardSigmoid", "Mish"];
        foreach (string model in activations.SelectMany(a => new[] { "Hidden" + a, "Output" + a })
            .Concat(["CrossEntropyNet", "BinaryCrossEntropyNet", "SquaredErrorSoftmaxNet", "WideNet"]))
        {
            foreach (int batch in new[] { 1, 3, 32 })
            {
                cases.Add(model, batch);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_finite_differences(string model, int batch)
    {
        INetwork network = Create(model);
        ITrainer trainer = CreateTrainer(network, batch);
        var random = new Random(model.Length * 131 + batch);
        network.Initialize((ulong)random.Next());
        float[] inputs = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        int[]? labels = null;
        float[]? targets = null;
        if (trainer.Loss == Loss.CrossEntropy && model != "WideNet")
        {
            labels = Enumerable.Range(0, batch).Select(_ => random.Next(network.OutputSize)).ToArray();
            trainer.ComputeGradients(inputs, labels);
        }
        else
        {
            targets = Targets(trainer.Loss, random, batch, network.OutputSize);
            trainer.ComputeGradients(inputs, targets);
        }

        var gradients = new float[network.ParameterCount];
        trainer.ExportGradients(gradients);
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);

        var reference = new ReferenceLoss(network.Description, trainer.Loss);
        double[] point = parameters.Select(p => (double)p).ToArray();
        double[] expected = new double[point.Length];
        bool[] straddles = new bool[point.Length];
        long sides = reference.KinkSides(point, inputs);
        for (int i = 0; i < point.Length; i++)
        {
            double saved = point[i];
            point[i] = saved + Step;
            double above = reference.Mean(point, inputs, labels, targets);
            straddles[i] = reference.KinkSides(point, inputs) != sides;
            point[i] = saved - Step;
            double below = reference.Mean(point, inputs, labels, targets);
            straddles[i] |= reference.KinkSides(point, inputs) != sides;
            point[i] = saved;
            expected[i] = (above - below) / (2 * Step);
        }

        double rms = System.Math.Sqrt(expected.Where((_, i) => !straddles[i]).Average(g => g * g));

        Assert.True(rms > 1e-6, $"{model}: the gradient is all but zero ({rms:E2}); the check would prove nothing");
        Assert.True(straddles.Count(s => s) <= point.Length / 20, $"{model}: {straddles.Count(s => s)} of {point.Length} " +
            "differences straddle a kink; the check covers too little");
        for (int i = 0; i < point.Length; i++)
        {
            if (straddles[i])
            {
                continue; // Neither one-sided derivative: the difference quotient mixes both sides of the kink.
            }

            double tolerance = 1e-3 * System.Math.Abs(expected[i]) + 1e-4 * rms;
            Assert.True(
                System.Math.Abs(gradients[i] - expected[i]) <= tolerance,
                $"{model}, batch {batch}, parameter {i}: {gradients[i]:E6} vs {expected[i]:E6} (tolerance {tolerance:E2})");
        }
    }

    [Fact]
    public void Parameters_replaced_after_the_trainer_was_made_are_the_ones_differentiated()
    {
        // The trainer keeps row copies of the weights; Initialize or ImportParameters after CreateTrainer once left them
        // stale, and every gradient below the last layer came out of the old weights.
        var random = new Random(4);
        float[] inputs = Enumerable.Range(0, 3 * 7).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Targets(Loss.MeanSquaredError, random, 3, 5);
        INetwork late = Create("HiddenTanh");
        ITrainer lateTrainer = CreateTrainer(late, 3);
        late.Initialize(99);
        INetwork early = Create("HiddenTanh");
        early.Initialize(99);
        ITrainer earlyTrainer = CreateTrainer(early, 3);

        lateTrainer.ComputeGradients(inputs, targets);
        earlyTrainer.ComputeGradients(inputs, targets);
        Assert.Equal(Gradients(earlyTrainer), Gradients(lateTrainer));

        var imported = new float[early.ParameterCount];
        early.ExportParameters(imported);
        imported[0] += 0.5f;
        late.ImportParameters(imported);
        early.ImportParameters(imported);
        ITrainer fresh = CreateTrainer(early, 3);
        lateTrainer.ComputeGradients(inputs, targets);
        fresh.ComputeGradients(inputs, targets);
        Assert.Equal(Gradients(fresh), Gradients(lateTrainer));
    }

    private static float[] Gradients(ITrainer trainer)
    {
        var gradients = new float[trainer.Network.ParameterCount];
        trainer.ExportGradients(gradients);
        return gradients;
    }

    [Fact]
    public void The_check_catches_a_wrong_gradient()
    {
        // A gradient off by 1 % in one entry must fail the tolerance above, or the check would be too loose to matter.
        double expected = 0.0123, rms = 0.01;
        double wrong = expected * 1.01;
        Assert.True(System.Math.Abs(wrong - expected) > 1e-3 * System.Math.Abs(expected) + 1e-4 * rms);
    }

    internal static float[] Targets(Loss loss, Random random, int rows, int outputs)
    {
        var targets = new float[rows * outputs];
        for (int row = 0; row < rows; row++)
        {
            double sum = 0;
            for (int u = 0; u < outputs; u++)
            {
                targets[row * outputs + u] = loss == Loss.MeanSquaredError ? (float)(random.NextDouble() * 2 - 1) : (float)random.NextDouble();
                sum += targets[row * outputs + u];
            }

            if (loss == Loss.CrossEntropy)
            {
                for (int u = 0; u < outputs; u++)
                {
                    targets[row * outputs + u] = (float)(targets[row * outputs + u] / sum);
                }
            }
        }

        return targets;
    }

    internal static INetwork Create(string model)
    {
        Type type = typeof(GradientCheckTests).Assembly.GetType("NetDsl.Tests.Training.Models." + model)
            ?? throw new ArgumentException("No test model " + model, nameof(model));
        return (INetwork)Activator.CreateInstance(type)!;
    }

    internal static ITrainer CreateTrainer(INetwork network, int maxBatch, IOptimizer? optimizer = null)
    {
        var create = network.GetType().GetMethod("CreateTrainer")!;
        return (ITrainer)create.Invoke(network, [optimizer ?? new Sgd(0.1f), maxBatch])!;
    }
}

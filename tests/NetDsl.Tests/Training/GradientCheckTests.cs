using NetDsl.Tests.Support;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// Every gradient the generated backward pass computes (weights, biases, PReLU slopes), against central finite
/// differences of a double-precision reference loss, for every activation, every loss, widths that are no multiple of
/// any vector width, and batch sizes 1, 3 and 32; and a sample of a 70-130-67-11 network's at batch 37.
/// <see cref="GradientCheck"/> states the tolerance and its origin.
/// </summary>
/// <remarks>
/// A parameter whose ±h moves some pre-activation across a kink of ReLU, LeakyReLU, PReLU, ELU (α ≠ 1), SELU or
/// HardSigmoid has no finite-difference derivative to compare with; those are skipped, and the test fails if they are
/// more than 5% of the parameters. They are rarely a chance near miss: in HiddenReLU at batch 32 one row switches off
/// every first-layer unit, so each second-layer pre-activation equals its bias, exactly 0, and all nine second-layer
/// biases straddle the kink (3% of the parameters). What the gradient is exactly at a kink is KinkTests' subject.
/// </remarks>
public class GradientCheckTests
{
    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        string[] activations =
        [
            "Linear", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "PReLU", "ELU", "SELU", "GELU", "GeluTanh", "SiLU",
            "Softplus", "Softsign", "HardSigmoid", "Mish",
        ];
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
        float[] inputs =
            Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
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

        AssertMatches(model, batch, trainer, GradientCheck.Measure(network, trainer.Loss, inputs, labels, targets));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    public void Soft_targets_that_do_not_sum_to_one_get_the_gradient_of_their_loss(int batch)
    {
        // Cross-entropy against any non-negative targets is Σ yᵤ(lse − zᵤ), whose gradient is p·Σy − y; p − y, the
        // gradient for targets summing to 1, was once returned for every target vector. Row masses here range over
        // (0.2, 2.2), and one row has all-zero targets (loss and gradient 0).
        INetwork network = new Models.CrossEntropyNet();
        ITrainer trainer = CreateTrainer(network, batch);
        var random = new Random(77 + batch);
        network.Initialize((ulong)random.Next());
        float[] inputs =
            Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] targets = Targets(Loss.CrossEntropy, random, batch, network.OutputSize);
        for (int row = 0; row < batch; row++)
        {
            float mass = row == 1 ? 0 : (float)(0.2 + 2 * random.NextDouble());
            for (int u = 0; u < network.OutputSize; u++)
            {
                targets[row * network.OutputSize + u] *= mass;
            }
        }

        trainer.ComputeGradients(inputs, targets);
        AssertMatches("CrossEntropyNet, unnormalized targets", batch, trainer,
            GradientCheck.Measure(network, Loss.CrossEntropy, inputs, null, targets));
    }

    [Fact]
    public void Gradients_of_a_large_network_match_finite_differences_at_a_sample_of_its_parameters()
    {
        // 70 → 130 PReLU → 67 Tanh → 11 Softmax at batch 37: several whole panels per layer at every vector width,
        // a partial one after them, and a batch past 32. Differencing all 18,885 parameters would take minutes (each
        // costs four passes of the 37 rows through the network), so the sample is every bias and PReLU slope and
        // every 41st weight: 790 parameters. Every fan-in is above 41, so each unit keeps one to four weights, and
        // prime to it, so the sampled columns move along the inputs. Same tolerance as the other cases; measured, the
        // worst entry uses 0.14 of it with fused multiply-adds and 0.23 without (the Vector128 and scalar kernels).
        const int batch = 37;
        INetwork network = new Models.LargeNet();
        ITrainer trainer = CreateTrainer(network, batch);
        var random = new Random(37);
        network.Initialize(37);
        float[] inputs =
            Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(_ => random.Next(network.OutputSize)).ToArray();
        trainer.ComputeGradients(inputs, labels);

        bool[] isWeight = WeightPositions(network.Description);
        GradientCheck check = GradientCheck.Measure(
            network, Loss.CrossEntropy, inputs, labels, null, i => !isWeight[i] || i % 41 == 0);

        Assert.Equal(790, check.ComparedCount);
        AssertMatches("LargeNet", batch, trainer, check);
    }

    /// <summary>Which canonical positions hold weights (rather than biases or slopes).</summary>
    private static bool[] WeightPositions(NetworkDescription description)
    {
        var isWeight = new List<bool>();
        foreach (LayerDescription layer in description.Layers)
        {
            isWeight.AddRange(Enumerable.Repeat(true, layer.Units * layer.FanIn));
            isWeight.AddRange(Enumerable.Repeat(false, layer.ParameterCount - layer.Units * layer.FanIn));
        }

        return [.. isWeight];
    }

    private static void AssertMatches(string model, int batch, ITrainer trainer, GradientCheck check)
    {
        float[] gradients = Gradients(trainer);
        Assert.True(
            check.Rms > 1e-6, $"{model}: the gradient is all but zero ({check.Rms:E2}); the check would prove nothing");
        Assert.True(
            check.Rms >= 1e-3 * System.Math.Abs(check.Loss),
            $"{model}: rms {check.Rms:E2} against a loss of {check.Loss:E2}"
                + $"; the differences' rounding would eat the floor");
        Assert.True(
            check.StraddleCount <= check.ComparedCount / 20,
            $"{model}: {check.StraddleCount} of {check.ComparedCount} "
                + "differences straddle a kink; the check covers too little");
        int[] failures = check.Failures(gradients);
        int first = failures.FirstOrDefault();
        Assert.True(
            failures.Length == 0,
            $"{model}, batch {batch}: {failures.Length} gradients off, the first parameter "
                + $"{first}: {gradients[first]:E6} vs {check.Expected[first]:E6}"
                + $" (tolerance {check.Tolerance(first):E2})");
    }

    [Fact]
    public void Parameters_replaced_after_the_trainer_was_made_are_the_ones_differentiated()
    {
        // The trainer keeps row copies of the weights; Initialize or ImportParameters after CreateTrainer once left
        // them stale, and every gradient below the last layer came out of the old weights.
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
        // The checker itself on a real gradient: untouched it passes; one entry moved by twice its tolerance, and two
        // entries swapped, are reported, and nothing else is.
        INetwork network = Create("HiddenTanh");
        ITrainer trainer = CreateTrainer(network, 3);
        var random = new Random(12);
        network.Initialize(12);
        float[] inputs =
            Enumerable.Range(0, 3 * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] targets = Targets(Loss.MeanSquaredError, random, 3, network.OutputSize);
        trainer.ComputeGradients(inputs, targets);
        float[] gradients = Gradients(trainer);
        GradientCheck check = GradientCheck.Measure(network, Loss.MeanSquaredError, inputs, null, targets);
        Assert.Empty(check.Failures(gradients));

        float[] nudged = (float[])gradients.Clone();
        nudged[40] += (float)(2 * check.Tolerance(40));
        Assert.Equal([40], check.Failures(nudged));

        int small = Array.IndexOf(gradients, gradients.MinBy(System.Math.Abs));
        int large = Array.IndexOf(gradients, gradients.MaxBy(System.Math.Abs));
        float[] swapped = (float[])gradients.Clone();
        (swapped[small], swapped[large]) = (swapped[large], swapped[small]);
        Assert.Equal(new[] { small, large }.Order(), check.Failures(swapped));

        float[] broken = (float[])gradients.Clone();
        broken[7] = float.NaN;
        Assert.Equal([7], check.Failures(broken));
    }

    internal static float[] Targets(Loss loss, Random random, int rows, int outputs)
    {
        var targets = new float[rows * outputs];
        for (int row = 0; row < rows; row++)
        {
            double sum = 0;
            for (int u = 0; u < outputs; u++)
            {
                targets[row * outputs + u] = loss == Loss.MeanSquaredError
                    ? (float)(random.NextDouble() * 2 - 1)
                    : (float)random.NextDouble();
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

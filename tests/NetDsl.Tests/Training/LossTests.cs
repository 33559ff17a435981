using NetDsl.Tests.Training.Models;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>The losses on the examples: computed from the logits in stable forms, never from a clamped log of
/// a probability.</summary>
public class LossTests
{
    /// <remarks>The expected losses are ln(e^first + e^second) − the label's logit, of the floats given, in double
    /// (13.036502156424383 is 7.8325f + 5.2040f + ln(1 + e^−13.0365)). The loss is computed in double and rounded to
    /// float once, so it must be exactly the float nearest that: dropping the ln(1 + e^−13.04) term moves it by
    /// 2.2e-6, two floats away.</remarks>
    [Theory]
    [InlineData(-5.2040f, 7.8325f, 0, 13.036502156424383)]
    [InlineData(0f, 200f, 0, 200.0)]
    [InlineData(0f, 200f, 1, 0.0)]
    [InlineData(3f, 3f, 1, 0.6931471805599453)]
    public void Cross_entropy_is_logsumexp_minus_the_target_logit(float first, float second, int label, double expected)
    {
        (Logits2 network, ITrainer trainer) = Identity();
        float loss = trainer.ComputeGradients([first, second], [label]);
        Assert.Equal((float)expected, loss);
    }

    [Fact]
    public void A_saturated_softmax_gives_a_finite_unit_gradient()
    {
        // Logits [0, 200], target 0: d loss / d logits = softmax − onehot = [−1, 1]; the bias gradient is exactly that.
        (Logits2 network, ITrainer trainer) = Identity();
        trainer.ComputeGradients([0f, 200f], [0]);
        var gradients = new float[Logits2.ParameterCount];
        trainer.ExportGradients(gradients);
        Assert.Equal([-1f, 1f], gradients[4..6]);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }

    [Theory]
    [InlineData(100f, 0f, 100.0)]
    [InlineData(-100f, 1f, 100.0)]
    [InlineData(0f, 1f, 0.6931471805599453)]
    [InlineData(-20f, 0f, 2.0611536181902037e-09)]
    public void Binary_cross_entropy_stays_finite_when_the_sigmoid_saturates(float logit, float target, double expected)
    {
        var network = new Logit1();
        network.ImportParameters([1f, 0f]);
        ITrainer trainer = network.CreateTrainer(new Sgd(0.1f), 1);
        float loss = trainer.ComputeGradients([logit], [target]);
        Assert.Equal(expected, loss, expected * 1e-6);
        var gradients = new float[2];
        trainer.ExportGradients(gradients);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
    }

    public static TheoryData<string, string> Batches() => new()
    {
        { "HiddenTanh", "mean squared error, linear outputs" },
        { "OutputSigmoid", "mean squared error, sigmoid outputs" },
        { "BinaryCrossEntropyNet", "binary cross-entropy" },
        { "CrossEntropyNet", "cross-entropy, soft targets" },
        { "CrossEntropyNet", "cross-entropy, targets not summing to 1" },
        { "CrossEntropyNet", "cross-entropy, labels" },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Losses_of_a_batch_match_the_published_formulas(string model, string targetKind)
    {
        // The reference, in double from the last layer's exported pre-activations z and activations a, over N = 7
        // rows of K outputs, each as PyTorch defines it with reduction='mean':
        //   MSELoss: Σ(a − y)² / (N·K), the mean over every element, not over rows only;
        //   BCEWithLogitsLoss: −Σ[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] / (N·K), likewise over every element;
        //   CrossEntropyLoss with class probabilities: −Σ_rows Σ_u yᵤ·ln softmax(z)ᵤ / N, over rows; with class
        //   indices −Σ_rows ln softmax(z)_label / N.
        // Tolerance: the trainer sums in double and rounds the mean to float once, within half a float ulp; one ulp,
        // 2⁻²³·|L|, covers that and the double sums' own rounding. Evaluate returns the double mean: 1e-12 relative.
        const int rows = 7;
        INetwork network = GradientCheckTests.Create(model);
        network.Initialize(5);
        ITrainer trainer = GradientCheckTests.CreateTrainer(network, rows);
        var random = new Random(model.Length + targetKind.Length);
        int outputs = network.OutputSize;
        float[] inputs =
            Enumerable.Range(0, rows * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] targets = GradientCheckTests.Targets(trainer.Loss, random, rows, outputs);
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(outputs)).ToArray();
        if (targetKind.Contains("not summing"))
        {
            targets = targets.Select((y, i) => y * (0.3f + i / outputs * 0.25f)).ToArray();
        }

        bool useLabels = targetKind.EndsWith("labels");
        Evaluation evaluation = useLabels ? trainer.Evaluate(inputs, labels) : trainer.Evaluate(inputs, targets);
        float loss = useLabels ? trainer.ComputeGradients(inputs, labels) : trainer.ComputeGradients(inputs, targets);
        int last = network.Description.Layers.Count - 1;
        var z = new double[rows * outputs];
        var a = new double[rows * outputs];
        var buffer = new float[rows * outputs];
        trainer.ExportPreActivations(last, buffer);
        buffer.Select(v => (double)v).ToArray().CopyTo(z, 0);
        trainer.ExportActivations(last, buffer);
        buffer.Select(v => (double)v).ToArray().CopyTo(a, 0);

        double expected = 0;
        for (int row = 0; row < rows; row++)
        {
            double[] logits = z[(row * outputs)..((row + 1) * outputs)];
            double sum = logits.Sum(System.Math.Exp);
            double[] softmax = logits.Select(v => System.Math.Exp(v) / sum).ToArray();
            for (int u = 0; u < outputs; u++)
            {
                int i = row * outputs + u;
                double y = targets[i];
                double sigmoid = 1 / (1 + System.Math.Exp(-z[i]));
                expected += trainer.Loss switch
                {
                    Loss.MeanSquaredError => (a[i] - y) * (a[i] - y),
                    Loss.BinaryCrossEntropy => -(y * System.Math.Log(sigmoid) + (1 - y) * System.Math.Log(1 - sigmoid)),
                    _ when useLabels => u == labels[row] ? -System.Math.Log(softmax[u]) : 0,
                    _ => -y * System.Math.Log(softmax[u]),
                };
            }
        }

        expected /= trainer.Loss == Loss.CrossEntropy ? rows : rows * outputs;
        Assert.True(expected > 0.01, $"{model}: the loss {expected} is too small to test anything");
        Assert.True(System.Math.Abs(loss - expected) <= System.Math.ScaleB(expected, -23),
            $"{model}, {targetKind}: {loss:R} vs {expected:R}");
        Assert.Equal(expected, evaluation.Loss, expected * 1e-12);
        Assert.Equal(rows, evaluation.Count);
        float stepped = useLabels ? trainer.Step(inputs, labels) : trainer.Step(inputs, targets);
        Assert.Equal(BitConverter.SingleToInt32Bits(loss), BitConverter.SingleToInt32Bits(stepped));
    }

    [Fact]
    public void Labels_out_of_range_are_refused_before_anything_changes()
    {
        (Logits2 network, ITrainer trainer) = Identity();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Step([0f, 1f], [2]));
        Assert.Contains("not a class index from 0 to 1", error.Message);
        Assert.Equal(0, trainer.StepCount);
        Assert.Throws<ArgumentException>(() => trainer.Step([0f, 1f, 2f], [0]));
        Assert.Throws<ArgumentException>(() => trainer.Step(new float[2 * 5], new int[5]));
    }

    [Fact]
    public void Labels_are_refused_by_a_network_that_trains_on_targets()
    {
        ITrainer trainer = new Logit1().CreateTrainer(new Sgd(0.1f), 1);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Step([1f], [0]));
        Assert.Contains("target vectors", error.Message);
    }

    private static (Logits2, ITrainer) Identity()
    {
        var network = new Logits2();
        network.ImportParameters([1f, 0f, 0f, 1f, 0f, 0f]);
        return (network, network.CreateTrainer(new Sgd(0.1f), 4));
    }
}

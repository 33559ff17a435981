using NetDsl.Tests.Support;
using NetDsl.Training;

namespace NetDsl.Tests.Training;

/// <summary>
/// The derivative at a kink, where finite differences say nothing (the gradient checks skip those parameters): with
/// imported weights one input of 1 gives pre-activations exactly [−4, −3, −1, 0, 3, 5], and every first-layer
/// gradient must follow PyTorch's convention for the activation, read from its backward kernels in
/// aten/src/ATen/native/cpu/Activation.cpp (pytorch/pytorch), where each branch tests x &gt; 0 or x ≤ 0:
/// ReLU′(0) = 0 (threshold_backward: x ≤ 0 gives 0); LeakyReLU′(0) = α (leaky_relu_backward: x &gt; 0 ? 1 : α);
/// PReLU′(0) = the slope, and the slope's own gradient x·δ = 0 there (prelu_backward: x &gt; 0 ? δ : a·δ, and
/// x &gt; 0 ? 0 : x·δ); ELU′(0) = α·e⁰ = α and SELU′(0) = λα (elu_backward: x ≤ 0 ? α·scale·eˣ : scale);
/// HardSigmoid′ = 1/6 strictly inside (−3, 3), 0 at ±3 and outside (hardsigmoid_backward: −3 &lt; x &lt; 3).
/// </summary>
/// <remarks>
/// Tolerance: the expected gradients are computed in double; the trainer's come through at most four float roundings
/// (the loss gradient δ, δ·w, the product with the slope, and for ELU and SELU the slope y + α from the rounded
/// y), each within 2⁻²⁴ of values at most λα·|δ·w| ≈ 1.76·|δ·w|, so within 4.2e-7·|δ·w|; the check allows
/// 1e-6·|δ·w|. A wrong convention at a kink is off by at least min(α, 1/6)·|δ·w|.
/// </remarks>
public class KinkTests
{
    private static readonly float[] PreActivations = [-4, -3, -1, 0, 3, 5];
    private static readonly float[] Slopes = [0.3f, 0.1f, 0.25f, 0.4f, 0.15f, 0.35f];
    private static readonly float[] OutputWeights = [0.5f, -1, 1.5f, -2, 2.5f, -3];

    public static TheoryData<string> Models()
    {
        var models = new TheoryData<string>();
        foreach (string activation in new[] { "ReLU", "LeakyReLU", "PReLU", "ELU", "SELU", "HardSigmoid" })
        {
            models.Add("KinkHidden" + activation);
            models.Add("KinkOutput" + activation);
        }

        return models;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_gradient_at_a_kink_follows_PyTorch(string model)
    {
        INetwork network = GradientCheckTests.Create(model);
        LayerDescription layer = network.Description.Layers[0];
        bool hidden = network.Description.Layers.Count == 2;
        int units = PreActivations.Length;

        // Weights 1 and biases z − 1 put the pre-activations exactly on z (small integers, exact in float).
        var parameters = new List<float>();
        parameters.AddRange(Enumerable.Repeat(1f, units));
        parameters.AddRange(PreActivations.Select(z => z - 1));
        if (layer.HasSlopes)
        {
            parameters.AddRange(Slopes);
        }

        if (hidden)
        {
            parameters.AddRange(OutputWeights);
            parameters.Add(0f);
        }

        network.ImportParameters(parameters.ToArray());
        ITrainer trainer = GradientCheckTests.CreateTrainer(network, 1);
        float[] targets = hidden ? [10f] : Enumerable.Repeat(-3f, units).ToArray();
        trainer.ComputeGradients([1f], targets);

        var z = new float[units];
        trainer.ExportPreActivations(0, z);
        Assert.Equal(PreActivations, z);
        var outputs = new float[network.OutputSize];
        trainer.ExportActivations(network.Description.Layers.Count - 1, outputs);
        var gradients = new float[network.ParameterCount];
        trainer.ExportGradients(gradients);

        for (int u = 0; u < units; u++)
        {
            // dLoss/d(this unit's activation): through the output weight when hidden, directly when it is an output.
            double upstream = hidden
                ? 2.0 * (outputs[0] - targets[0]) * OutputWeights[u]
                : 2.0 * (outputs[u] - targets[u]) / units;
            double slope = layer.HasSlopes ? Slopes[u] : layer.Alpha;
            double expected = upstream * Derivative(layer.Activation, PreActivations[u], slope);
            double tolerance = 1e-6 * System.Math.Abs(upstream);
            Assert.True(System.Math.Abs(upstream) > 0.1, $"{model}, unit {u}: no gradient reaches the unit");
            string where = $"{model}, z = {PreActivations[u]}";
            Assert.True(System.Math.Abs(gradients[units + u] - expected) <= tolerance,
                $"{where}: bias gradient {gradients[units + u]:R}, expected {expected:R}");
            Assert.True(System.Math.Abs(gradients[u] - expected) <= tolerance,
                $"{where}: weight gradient {gradients[u]:R}, expected {expected:R}");
            if (layer.HasSlopes)
            {
                double slopeGradient = PreActivations[u] > 0 ? 0 : upstream * PreActivations[u];
                Assert.True(System.Math.Abs(gradients[2 * units + u] - slopeGradient) <= 4 * tolerance,
                    $"{where}: slope gradient {gradients[2 * units + u]:R}, expected {slopeGradient:R}");
            }
        }
    }

    /// <summary>PyTorch's derivative, branch for branch (see the class summary).</summary>
    private static double Derivative(Act activation, double x, double alpha) => activation switch
    {
        Act.ReLU => x > 0 ? 1 : 0,
        Act.LeakyReLU or Act.PReLU => x > 0 ? 1 : alpha,
        Act.ELU => x > 0 ? 1 : alpha * System.Math.Exp(x),
        Act.SELU => x > 0 ? Reference.SeluLambda : Reference.SeluLambda * Reference.SeluAlpha * System.Math.Exp(x),
        Act.HardSigmoid => x > -3 && x < 3 ? 1.0 / 6 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "No kink."),
    };
}

namespace NetDsl.Tests.Support;

/// <summary>
/// A plain double-precision forward pass over a network's exported parameters, with a rigorous bound on how far the
/// float kernels may be from it.
/// </summary>
/// <remarks>
/// The bound is propagated layer by layer. A float dot product of K terms accumulated in sequence, with or without
/// fused multiply-adds, is within γ(2K + 2)·(|b| + Σ|w·x|) of the exact one, γ(n) = n·u/(1 − n·u) and u = 2^-24
/// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1); error already in the inputs adds Σ|w|·e_in. An
/// activation with Lipschitz constant L maps an error e to L·e, and its own evaluation adds one ulp (checked by the
/// activation tests), counted as 2u·|y| plus the smallest subnormal.
/// </remarks>
public sealed class ReferenceNetwork(INetwork network)
{
    private const double U = 1.0 / (1 << 24);

    private readonly float[] _parameters = Export(network);

    public (double[] Outputs, double[] Bounds) Forward(ReadOnlySpan<float> input)
    {
        double[] x = new double[input.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = input[i];
        }

        double[] error = new double[x.Length];
        int offset = 0;
        foreach (LayerDescription layer in network.Description.Layers)
        {
            var z = new double[layer.Units];
            var zError = new double[layer.Units];
            int weights = offset, bias = offset + layer.Units * layer.FanIn, slopes = bias + layer.Units;
            double gamma = Gamma(2 * layer.FanIn + 2);
            for (int u = 0; u < layer.Units; u++)
            {
                double sum = _parameters[bias + u], magnitude = System.Math.Abs(sum), propagated = 0;
                for (int k = 0; k < layer.FanIn; k++)
                {
                    double w = _parameters[weights + u * layer.FanIn + k];
                    sum += w * x[k];
                    magnitude += System.Math.Abs(w * x[k]);
                    propagated += System.Math.Abs(w) * error[k];
                }

                z[u] = sum;
                zError[u] = gamma * magnitude + propagated;
            }

            (x, error) = Activate(layer, z, zError, slopes);
            offset += layer.ParameterCount;
        }

        return (x, error);
    }

    private (double[] Values, double[] Errors) Activate(LayerDescription layer, double[] z, double[] zError, int slopes)
    {
        var y = new double[z.Length];
        var error = new double[z.Length];
        if (layer.Activation == Act.Softmax)
        {
            double max = z.Max(), sum = z.Sum(v => System.Math.Exp(v - max)), worst = zError.Max();
            for (int u = 0; u < z.Length; u++)
            {
                // |Δp_i| ≤ p_i·(|Δz_i| + Σ p_j|Δz_j|) ≤ 2·p_i·max|Δz|.
                y[u] = System.Math.Exp(z[u] - max) / sum;
                error[u] = 2 * y[u] * worst + Rounding(y[u]);
            }

            return (y, error);
        }

        for (int u = 0; u < z.Length; u++)
        {
            double alpha = layer.Activation == Act.PReLU ? _parameters[slopes + u] : layer.Alpha;
            y[u] = Reference.Activation(layer.Activation, z[u], alpha);
            error[u] = Lipschitz(layer.Activation, alpha) * zError[u] + Rounding(y[u]);
        }

        return (y, error);
    }

    /// <summary>The largest slope of each activation (rounded up), e.g. GELU's 1.129 at x ≈ 2.4.</summary>
    private static double Lipschitz(Act activation, double alpha) => activation switch
    {
        Act.Sigmoid => 0.25,
        Act.HardSigmoid => 1.0 / 6,
        Act.LeakyReLU or Act.PReLU or Act.ELU => System.Math.Max(1, System.Math.Abs(alpha)),
        Act.SELU => Reference.SeluLambda * Reference.SeluAlpha,
        Act.GELU or Act.GeluTanh or Act.SiLU or Act.Mish => 1.2,
        _ => 1,
    };

    private static double Rounding(double y) => 2 * U * System.Math.Abs(y) + float.Epsilon;

    private static double Gamma(int n) => n * U / (1 - n * U);

    private static float[] Export(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }
}

namespace NetDsl.Initialization;

/// <summary>
/// Draws a layer's weights. The result depends only on the seed, the layer's index and its shape: the same on every
/// machine and instruction set, bit for bit (see <see cref="CounterRandom"/> and <see cref="PortableMath"/>).
/// </summary>
public static class Initializers
{
    /// <summary>Sample standard deviation of a standard normal cut at ±2: the factor that truncated draws divide σ by.
    /// </summary>
    public const double TruncatedStdRatio = 0.87962566103423978;

    /// <summary>Fills <paramref name="weights"/>, laid out [units, fanIn] row-major like PyTorch's nn.Linear.</summary>
    /// <param name="weights">units × fanIn floats.</param>
    /// <param name="fanIn">The layer's input width.</param>
    /// <param name="units">The layer's output width (fan_out).</param>
    /// <param name="init">The initializer.</param>
    /// <param name="parameters">Its named arguments.</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layer">The layer's index, which makes each layer's stream independent.</param>
    public static void Fill(
        Span<float> weights, int fanIn, int units, Init init, InitParameters parameters, ulong seed, int layer)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (fanIn <= 0 || units <= 0 || weights.Length != (long)fanIn * units)
        {
            throw new ArgumentException(
                $"Expected {(long)fanIn * units} weights for {units} units of fan-in {fanIn}, got {weights.Length}.",
                nameof(weights));
        }

        var random = new CounterRandom(seed, (ulong)layer);
        double heGain = System.Math.Sqrt(2 / (1 + parameters.Slope * parameters.Slope));
        switch (init)
        {
            case Init.Zeros:
                weights.Clear();
                break;
            case Init.Ones:
                weights.Fill(1f);
                break;
            case Init.Constant:
                weights.Fill((float)parameters.Value);
                break;
            case Init.Uniform:
                FillUniform(weights, random, parameters.Min, parameters.Max);
                break;
            case Init.Normal:
                FillNormal(weights, random, parameters.Mean, parameters.Std, truncated: false);
                break;
            case Init.TruncatedNormal:
                FillNormal(weights, random, parameters.Mean, parameters.Std / TruncatedStdRatio, truncated: true);
                break;
            case Init.GlorotUniform:
                FillSymmetricUniform(weights, random, System.Math.Sqrt(6.0 / (fanIn + (double)units)));
                break;
            case Init.GlorotNormal:
                FillNormal(weights, random, 0, System.Math.Sqrt(2.0 / (fanIn + (double)units)), truncated: false);
                break;
            case Init.HeUniform:
                FillSymmetricUniform(weights, random, heGain * System.Math.Sqrt(3.0 / fanIn));
                break;
            case Init.HeNormal:
                FillNormal(weights, random, 0, heGain / System.Math.Sqrt(fanIn), truncated: false);
                break;
            case Init.LeCunUniform:
                FillSymmetricUniform(weights, random, System.Math.Sqrt(3.0 / fanIn));
                break;
            case Init.LeCunNormal:
                FillNormal(weights, random, 0, 1 / System.Math.Sqrt(fanIn), truncated: false);
                break;
            case Init.Orthogonal:
                FillOrthogonal(weights, random, units, fanIn, parameters.Gain);
                break;
            case Init.TorchDefault:
                FillSymmetricUniform(weights, random, 1 / System.Math.Sqrt(fanIn));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Not a defined initializer.");
        }
    }

    private static void FillSymmetricUniform(Span<float> weights, CounterRandom random, double limit)
        => FillUniform(weights, random, -limit, limit);

    private static void FillUniform(Span<float> weights, CounterRandom random, double min, double max)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(min + (max - min) * random.OpenUnit((ulong)i, 0));
        }
    }

    private static void FillNormal(Span<float> weights, CounterRandom random, double mean, double std, bool truncated)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            ulong draw = 0;
            double z;
            do
            {
                z = random.StandardNormal((ulong)i, draw, out ulong used);
                draw += used;
            }
            while (truncated && System.Math.Abs(z) > 2);

            weights[i] = (float)(mean + std * z);
        }
    }

    /// <summary>PyTorch's orthogonal_: QR of a Gaussian [units, fanIn] matrix (transposed when it is wide), Q's
    /// columns multiplied by the signs of R's diagonal, so the result does not depend on the QR algorithm. Modified
    /// Gram-Schmidt, run twice per column, keeps Q orthogonal to about 1e-15 for these well-conditioned matrices.
    /// </summary>
    private static void FillOrthogonal(Span<float> weights, CounterRandom random, int units, int fanIn, double gain)
    {
        bool wide = units < fanIn;
        int rows = wide ? fanIn : units;
        int columns = wide ? units : fanIn;

        // Column-major tall matrix: element (r, c) of the Gaussian [units, fanIn] matrix, transposed when wide.
        var q = new double[rows * columns];
        for (int unit = 0; unit < units; unit++)
        {
            for (int input = 0; input < fanIn; input++)
            {
                double z = random.StandardNormal((ulong)(unit * fanIn + input), 0, out _);
                int r = wide ? input : unit;
                int c = wide ? unit : input;
                q[c * rows + r] = z;
            }
        }

        for (int c = 0; c < columns; c++)
        {
            Span<double> column = q.AsSpan(c * rows, rows);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int previous = 0; previous < c; previous++)
                {
                    Span<double> basis = q.AsSpan(previous * rows, rows);
                    double dot = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        dot += basis[r] * column[r];
                    }

                    for (int r = 0; r < rows; r++)
                    {
                        column[r] -= dot * basis[r];
                    }
                }
            }

            // Dividing by the positive norm is R's diagonal made positive, which is what the sign fix achieves.
            double norm = 0;
            for (int r = 0; r < rows; r++)
            {
                norm += column[r] * column[r];
            }

            norm = System.Math.Sqrt(norm);
            for (int r = 0; r < rows; r++)
            {
                column[r] /= norm;
            }
        }

        for (int unit = 0; unit < units; unit++)
        {
            for (int input = 0; input < fanIn; input++)
            {
                int r = wide ? input : unit;
                int c = wide ? unit : input;
                weights[unit * fanIn + input] = (float)(gain * q[c * rows + r]);
            }
        }
    }
}

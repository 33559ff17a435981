namespace NetDsl.Tests.Support;

/// <summary>
/// A network's mean loss in double precision from its canonical parameters, written from the definitions (logsumexp
/// for cross-entropy, the log-sum-exp form of binary cross-entropy, the mean of squares), for finite differences.
/// </summary>
public sealed class ReferenceLoss(NetworkDescription description, Loss loss)
{
    public double Mean(double[] parameters, float[] inputs, int[]? labels, float[]? targets)
        => MeanAndKinkSides(parameters, inputs, labels, targets).Mean;

    /// <summary><see cref="Mean"/> and <see cref="KinkSides"/> from one forward pass, for finite differences, which
    /// need both at every point.</summary>
    public (double Mean, long KinkSides) MeanAndKinkSides(
        double[] parameters, float[] inputs, int[]? labels, float[]? targets)
    {
        int rows = inputs.Length / description.InputSize;
        double total = 0;
        long hash = 17;
        for (int row = 0; row < rows; row++)
        {
            (double[] z, double[] a) = Forward(
                parameters,
                inputs.AsSpan(row * description.InputSize, description.InputSize),
                (layer, preActivation) => hash = Fold(hash, layer, preActivation));
            total += loss switch
            {
                Loss.CrossEntropy when labels is not null => LogSumExp(z) - z[labels[row]],
                Loss.CrossEntropy => Enumerable.Range(0, z.Length)
                    .Sum(u => targets![row * z.Length + u] * (LogSumExp(z) - z[u])),
                Loss.BinaryCrossEntropy => Enumerable.Range(0, z.Length).Sum(u =>
                    System.Math.Max(z[u], 0) - z[u] * targets![row * z.Length + u]
                        + System.Math.Log(1 + System.Math.Exp(-System.Math.Abs(z[u])))),
                _ => Enumerable.Range(0, a.Length).Sum(u => System.Math.Pow(a[u] - targets![row * a.Length + u], 2)),
            };
        }

        double mean = total / (loss == Loss.CrossEntropy ? rows : (double)rows * description.OutputSize);
        return (mean, hash);
    }

    /// <summary>
    /// Which side of its activation's kinks every pre-activation of every row lies on, folded into one hash. Two points
    /// with the same fingerprint lie in one smooth piece of the loss (up to hash collisions), so a central difference
    /// between them measures the derivative; a difference that straddles a kink measures neither side's.
    /// </summary>
    public long KinkSides(double[] parameters, float[] inputs)
    {
        long hash = 17;
        int rows = inputs.Length / description.InputSize;
        for (int row = 0; row < rows; row++)
        {
            Forward(
                parameters,
                inputs.AsSpan(row * description.InputSize, description.InputSize),
                (layer, preActivation) => hash = Fold(hash, layer, preActivation));
        }

        return hash;
    }

    private static long Fold(long hash, LayerDescription layer, double z)
    {
        foreach (double kink in Kinks(layer))
        {
            hash = hash * 31 + (z > kink ? 1 : 0);
        }

        return hash;
    }

    /// <summary>Where a layer's activation derivative jumps; the smooth activations have none. ELU's derivative is
    /// 1 above 0 and α·eˣ below, continuous only for α = 1.</summary>
    private static double[] Kinks(LayerDescription layer) => layer.Activation switch
    {
        Act.ReLU or Act.LeakyReLU or Act.PReLU or Act.SELU => [0],
        Act.ELU when layer.Alpha != 1 => [0],
        Act.HardSigmoid => [-3, 3],
        _ => [],
    };

    /// <summary>The last layer's pre-activations and activations for one row.</summary>
    public (double[] Z, double[] A) Forward(double[] parameters, ReadOnlySpan<float> input) =>
        Forward(parameters, input, static (_, _) => { });

    private (double[] Z, double[] A) Forward(
        double[] parameters, ReadOnlySpan<float> input, Action<LayerDescription, double> visit)
    {
        double[] x = input.ToArray().Select(v => (double)v).ToArray();
        double[] z = [];
        int offset = 0;
        foreach (LayerDescription layer in description.Layers)
        {
            z = new double[layer.Units];
            int bias = offset + layer.Units * layer.FanIn, slopes = bias + layer.Units;
            for (int u = 0; u < layer.Units; u++)
            {
                double sum = parameters[bias + u];
                for (int k = 0; k < layer.FanIn; k++)
                {
                    sum += parameters[offset + u * layer.FanIn + k] * x[k];
                }

                z[u] = sum;
                visit(layer, sum);
            }

            if (layer.Activation == Act.Softmax)
            {
                double lse = LogSumExp(z);
                x = z.Select(v => System.Math.Exp(v - lse)).ToArray();
            }
            else
            {
                x = z.Select((v, u) => Reference.Activation(
                        layer.Activation, v, layer.HasSlopes ? parameters[slopes + u] : layer.Alpha))
                    .ToArray();
            }

            offset += layer.ParameterCount;
        }

        return (z, x);
    }

    public static double LogSumExp(double[] z)
    {
        double max = z.Max();
        return max + System.Math.Log(z.Sum(v => System.Math.Exp(v - max)));
    }
}

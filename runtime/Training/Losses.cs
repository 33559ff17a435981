namespace NetDsl.Training;

/// <summary>
/// The losses and their gradients with respect to the last layer's pre-activations, over rows of padded width as the
/// generated trainers store them. Computed in double precision per row and written back as float; every gradient
/// row's padding is set to 0 so that padded units never learn.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Softmax cross-entropy against class labels: loss = logsumexp(z) − z_label per row (never the log of a
    /// probability, which would clamp or overflow), gradient = (softmax(z) − onehot)·<paramref name="scale"/>.
    /// Logits [0, 200] with label 0 give loss 200 and gradient [−1, 1].
    /// </summary>
    /// <returns>The sum of the rows' losses.</returns>
    public static double CrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> probabilities, int rows, int units, int stride,
        ReadOnlySpan<int> labels, float scale, Span<float> gradient)
    {
        double total = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> z = logits.Slice(row * stride, units);
            total += Kernels.Softmax.LogSumExp(z) - z[labels[row]];
            for (int u = 0; u < units; u++)
            {
                double target = u == labels[row] ? 1 : 0;
                gradient[row * stride + u] = (float)((probabilities[row * stride + u] - target) * scale);
            }

            gradient.Slice(row * stride + units, stride - units).Clear();
        }

        return total;
    }

    /// <summary>Softmax cross-entropy against target vectors (one-hot, soft, or of any non-negative mass m = Σyᵤ):
    /// loss = Σ yᵤ(logsumexp(z) − zᵤ) per row, gradient = (softmax(z)·m − y)·<paramref name="scale"/>, the loss's
    /// own gradient, which is softmax(z) − y for targets summing to 1.</summary>
    /// <returns>The sum of the rows' losses.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A target is negative or not finite; nothing is written.
    /// </exception>
    public static double CrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> probabilities, int rows, int units, int stride,
        ReadOnlySpan<float> targets, float scale, Span<float> gradient)
    {
        CheckTargets(targets[..(rows * units)], units, Loss.CrossEntropy);
        double total = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> z = logits.Slice(row * stride, units);
            ReadOnlySpan<float> y = targets.Slice(row * units, units);
            double logSumExp = Kernels.Softmax.LogSumExp(z), mass = 0, dot = 0;
            for (int u = 0; u < units; u++)
            {
                // Σ yᵤ(lse − zᵤ), term by term, so that an infinite logit with zero target weight contributes nothing.
                if (y[u] != 0)
                {
                    dot += y[u] * (logSumExp - z[u]);
                }

                mass += y[u];
            }

            for (int u = 0; u < units; u++)
            {
                gradient[row * stride + u] = (float)((probabilities[row * stride + u] * mass - y[u]) * scale);
            }

            total += dot;
            gradient.Slice(row * stride + units, stride - units).Clear();
        }

        return total;
    }

    /// <summary>
    /// Binary cross-entropy with logits per output: max(z, 0) − z·y + ln(1 + e^−|z|), the stable log-sum-exp form
    /// that never takes the log of a saturated probability; gradient = (σ(z) − y)·<paramref name="scale"/>.
    /// </summary>
    /// <returns>The sum over rows and outputs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1]; nothing is written.</exception>
    public static double BinaryCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> probabilities, int rows, int units, int stride,
        ReadOnlySpan<float> targets, float scale, Span<float> gradient)
    {
        CheckTargets(targets[..(rows * units)], units, Loss.BinaryCrossEntropy);
        double total = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int u = 0; u < units; u++)
            {
                double z = logits[row * stride + u], y = targets[row * units + u];
                double tail = System.Math.Exp(-System.Math.Abs(z));
                total += System.Math.Max(z, 0) - z * y
                    + (tail < 1e-5 ? tail - tail * tail / 2 : System.Math.Log(1 + tail));
                gradient[row * stride + u] = (float)((probabilities[row * stride + u] - y) * scale);
            }

            gradient.Slice(row * stride + units, stride - units).Clear();
        }

        return total;
    }

    /// <summary>Squared error per output, (a − y)²; writes the gradient with respect to the outputs,
    /// 2(a − y)·<paramref name="scale"/> (the trainer then multiplies by the activation's slope).</summary>
    /// <returns>The sum over rows and outputs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A target is not finite; nothing is written.</exception>
    public static double SquaredError(
        ReadOnlySpan<float> outputs, int rows, int units, int stride, ReadOnlySpan<float> targets, float scale,
        Span<float> gradient)
    {
        CheckTargets(targets[..(rows * units)], units, Loss.MeanSquaredError);
        double total = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int u = 0; u < units; u++)
            {
                double difference = outputs[row * stride + u] - (double)targets[row * units + u];
                total += difference * difference;
                gradient[row * stride + u] = (float)(2 * difference * scale);
            }

            gradient.Slice(row * stride + units, stride - units).Clear();
        }

        return total;
    }

    /// <summary>
    /// Refuses targets outside what <paramref name="loss"/> is defined on, naming the first one: a binary
    /// cross-entropy target of 2 or a negative cross-entropy weight makes a loss with no minimum, which training
    /// follows to infinity. One comparison per target, small beside the forward pass that precedes it.
    /// </summary>
    /// <param name="targets">Rows of <paramref name="units"/> targets.</param>
    /// <param name="units">Targets per row.</param>
    /// <param name="loss">The loss they are for.</param>
    /// <param name="setName">Where the rows come from, such as "the training set"; "a batch" by default.</param>
    /// <param name="parameterName">The argument the exception names.</param>
    internal static void CheckTargets(
        ReadOnlySpan<float> targets, int units, Loss loss, string setName = "a batch",
        string parameterName = "targets")
    {
        for (int i = 0; i < targets.Length; i++)
        {
            float y = targets[i];
            bool valid = loss switch
            {
                Loss.BinaryCrossEntropy => y is >= 0 and <= 1,
                Loss.CrossEntropy => y >= 0 && float.IsFinite(y),
                _ => float.IsFinite(y),
            };
            if (!valid)
            {
                string need = loss switch
                {
                    Loss.BinaryCrossEntropy => "binary cross-entropy needs values from 0 to 1 (0 or 1 for a yes-or-no "
                        + "label, or a probability)",
                    Loss.CrossEntropy => "cross-entropy needs finite values of at least 0, such as a distribution "
                        + "over the classes",
                    _ => "mean squared error needs finite values",
                };
                throw new ArgumentOutOfRangeException(parameterName, y,
                    $"Target {i % units} of row {i / units} in {setName} is {y}: {need}.");
            }
        }
    }

    /// <summary>Turns gradients with respect to softmax outputs into gradients with respect to its logits, in place:
    /// δzᵤ = pᵤ(δpᵤ − Σⱼ pⱼδpⱼ).</summary>
    public static void SoftmaxBackward(
        ReadOnlySpan<float> probabilities, int rows, int units, int stride, Span<float> gradient)
    {
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(row * stride, units);
            Span<float> g = gradient.Slice(row * stride, units);
            double dot = 0;
            for (int u = 0; u < units; u++)
            {
                dot += (double)p[u] * g[u];
            }

            for (int u = 0; u < units; u++)
            {
                g[u] = (float)(p[u] * (g[u] - dot));
            }
        }
    }

    /// <summary>Rows whose largest output is at the label.</summary>
    public static int CountCorrect(
        ReadOnlySpan<float> outputs, int rows, int units, int stride, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int row = 0; row < rows; row++)
        {
            correct += Kernels.Rows.ArgMax(outputs.Slice(row * stride, units)) == labels[row] ? 1 : 0;
        }

        return correct;
    }

    /// <summary>Rows whose largest output is where their target's largest value is.</summary>
    public static int CountCorrect(
        ReadOnlySpan<float> outputs, int rows, int units, int stride, ReadOnlySpan<float> targets)
    {
        int correct = 0;
        for (int row = 0; row < rows; row++)
        {
            int predicted = Kernels.Rows.ArgMax(outputs.Slice(row * stride, units));
            correct += predicted >= 0 && predicted == Kernels.Rows.ArgMax(targets.Slice(row * units, units)) ? 1 : 0;
        }

        return correct;
    }

    /// <summary>Outputs on the same side of ½ as their targets (binary and multi-label accuracy).</summary>
    public static int CountCorrectBinary(
        ReadOnlySpan<float> outputs, int rows, int units, int stride, ReadOnlySpan<float> targets)
    {
        int correct = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int u = 0; u < units; u++)
            {
                correct += (outputs[row * stride + u] >= 0.5f) == (targets[row * units + u] >= 0.5f) ? 1 : 0;
            }
        }

        return correct;
    }
}

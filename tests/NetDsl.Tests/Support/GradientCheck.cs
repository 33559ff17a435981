namespace NetDsl.Tests.Support;

/// <summary>
/// Central finite differences of <see cref="ReferenceLoss"/> at a network's current parameters, and the comparison
/// of a float gradient with them: the checker behind the gradient-check tests, kept apart so that a test can feed it
/// a deliberately wrong gradient.
/// </summary>
/// <remarks>
/// Tolerance: |g − g_fd| ≤ <see cref="Relative"/>·|g_fd| + <see cref="Floor"/>·rms(g_fd), from three sources.
/// The step h = 1e-6: truncation ≈ h²·|L‴|/6 ≈ 1e-12, nothing.
/// The double reference: the two losses of a difference are the same operations on nearly equal values, so their
/// rounding differs by a few ε·|L| (ε = 2⁻⁵²), ≈ 1e-9·|L| after dividing by 2h; every case has rms ≥ 1e-3·|L|
/// (checked), so that is at most 1e-6·rms, a fifth of the floor.
/// The float forward and backward passes, which dominate: every stored pre-activation, activation and probability
/// and every sum of the backward pass is rounded to float, u = 2⁻²⁴ ≈ 6e-8, some 30 roundings along the deepest
/// path of three layers, ≈ 2e-6 relative. Cancellation magnifies it: the loss gradient p − y loses digits where the
/// output is close to its target, and a weight gradient summed over the batch can be far smaller than its terms.
/// The relative term allows 25 times the plain rounding before the floor, u·30·Σ|terms| with Σ|terms| up to a few
/// rms, takes over. Measured at every instruction-set level, the worst entry of the 105 cases uses 0.17 of this
/// tolerance with fused multiply-adds (WideNet at batch 1) and 0.23 without (HiddenGELU at batch 3, the Vector128
/// and scalar kernels); the earlier 1e-3·|g_fd| + 1e-4·rms was twenty times looser than this and about a hundred
/// looser than the errors.
/// </remarks>
public sealed class GradientCheck
{
    public const double Step = 1e-6;
    public const double Relative = 5e-5;
    public const double Floor = 5e-6;

    private GradientCheck(double loss, double[] expected, bool[] straddles, bool[] compared)
    {
        Loss = loss;
        Expected = expected;
        Straddles = straddles;
        Compared = compared;
        Rms = System.Math.Sqrt(
            expected.Where((_, i) => compared[i] && !straddles[i]).DefaultIfEmpty(0).Average(g => g * g));
    }

    /// <summary>The reference's mean loss at the network's parameters.</summary>
    public double Loss { get; }

    /// <summary>d(mean loss)/d(parameter) by central differences, in canonical order; NaN where not
    /// <see cref="Compared"/>.</summary>
    public double[] Expected { get; }

    /// <summary>Parameters whose ±h moves some pre-activation across a kink: the difference quotient mixes both
    /// sides there and measures neither derivative, so they are not compared.</summary>
    public bool[] Straddles { get; }

    /// <summary>The parameters whose finite differences were measured: all of them unless
    /// <see cref="Measure"/> was given a selection.</summary>
    public bool[] Compared { get; }

    /// <summary>The root-mean-square of the compared finite differences.</summary>
    public double Rms { get; }

    public int StraddleCount => Straddles.Count(s => s);

    public int ComparedCount => Compared.Count(c => c);

    /// <summary>Measures the finite differences of every parameter, or of those <paramref name="compare"/> selects
    /// by canonical index: each costs two forward passes of the whole batch through the whole network, so a large
    /// network is checked at a sample.</summary>
    public static GradientCheck Measure(
        INetwork network, Loss loss, float[] inputs, int[]? labels, float[]? targets, Func<int, bool>? compare = null)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        var reference = new ReferenceLoss(network.Description, loss);
        double[] point = parameters.Select(p => (double)p).ToArray();
        var expected = new double[point.Length];
        var straddles = new bool[point.Length];
        bool[] compared = Enumerable.Range(0, point.Length).Select(i => compare?.Invoke(i) ?? true).ToArray();
        long sides = reference.KinkSides(point, inputs);
        for (int i = 0; i < point.Length; i++)
        {
            if (!compared[i])
            {
                expected[i] = double.NaN;
                continue;
            }

            double saved = point[i];
            point[i] = saved + Step;
            (double above, long sidesAbove) = reference.MeanAndKinkSides(point, inputs, labels, targets);
            point[i] = saved - Step;
            (double below, long sidesBelow) = reference.MeanAndKinkSides(point, inputs, labels, targets);
            point[i] = saved;
            straddles[i] = sidesAbove != sides || sidesBelow != sides;
            expected[i] = (above - below) / (2 * Step);
        }

        return new GradientCheck(reference.Mean(point, inputs, labels, targets), expected, straddles, compared);
    }

    public double Tolerance(int i) => Relative * System.Math.Abs(Expected[i]) + Floor * Rms;

    /// <summary>|g − g_fd| over the tolerance for each compared parameter; NaN where it straddles a kink or is not
    /// compared.</summary>
    public double[] Ratios(ReadOnlySpan<float> gradients)
    {
        if (gradients.Length != Expected.Length)
        {
            throw new ArgumentException(
                $"Expected {Expected.Length} gradients, got {gradients.Length}.", nameof(gradients));
        }

        var ratios = new double[Expected.Length];
        for (int i = 0; i < ratios.Length; i++)
        {
            ratios[i] = Straddles[i] || !Compared[i]
                ? double.NaN
                : System.Math.Abs(gradients[i] - Expected[i]) / Tolerance(i);
        }

        return ratios;
    }

    /// <summary>The compared parameters whose gradient is outside the tolerance (or not a number).</summary>
    public int[] Failures(ReadOnlySpan<float> gradients)
        => Ratios(gradients)
            .Select((r, i) => (r, i))
            .Where(p => Compared[p.i] && !Straddles[p.i] && !(p.r <= 1))
            .Select(p => p.i)
            .ToArray();
}

using System.Globalization;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Parsing;

/// <summary>
/// Whether the weights a layer's initializer arguments describe are finite floats. Each argument on its own is a
/// finite float (NDSL0007), but a distribution can still reach beyond float's range: a Normal with Std = 3e38 draws
/// up to 12 Std from its Mean, and the runtime rounds such a draw to infinity, which makes the outputs NaN.
/// </summary>
/// <remarks>
/// The extremes are computed as runtime/Initialization/Initializers.cs computes a draw, in double and rounded to float
/// once, with the largest values its random numbers take. Every step (subtraction, product, sum, rounding to float) is
/// monotonic, so when both extremes are finite floats, every draw is. The initializers left out need nothing beyond
/// NDSL0007: Constant's weight is Value, an Orthogonal weight is Gain times an entry of a unit vector (at most 1 also
/// in floating point: each entry is divided by a norm that includes its own square), and the fan-based ones draw
/// below 18 for any fan (HeNormal's σ is at most √2). Biases and PReLU slopes are the finite floats Bias and Alpha.
/// </remarks>
internal static class WeightRange
{
    /// <summary>The largest of the runtime's uniform draws (<c>CounterRandom.OpenUnit</c>): 1 exactly, for the largest
    /// k, where k + ½ rounds to 2^53.</summary>
    private const double LargestUnit = 1.0;

    private const string FloatLimit = "3.4028235E+38";

    /// <summary>The argument to point at and the message saying which range to give it, when a layer's arguments can
    /// draw a weight that is infinite as a float; null when they cannot. A varying layer of a [Grid] is checked as
    /// if every initializer could use its arguments (the Normal's reach covers the TruncatedNormal's).</summary>
    public static (string Argument, string Message)? Problem(LayerSpec layer, string layerName, bool varies)
    {
        if (varies || layer.Init == InitKind.Uniform)
        {
            if (UniformProblem(layer, layerName) is { } uniform)
            {
                return uniform;
            }
        }

        if (varies || layer.Init == InitKind.Normal)
        {
            string reach = $"Mean ± {Format(Traits.MaxStandardNormal)} × Std";
            return NormalProblem(layer, layerName, "Normal", reach, Traits.MaxStandardNormal, 1);
        }

        if (layer.Init == InitKind.TruncatedNormal)
        {
            // σ = Std / 0.8796..., cut at ±2σ: the runtime divides first, then multiplies by the draw.
            string reach = $"Mean ± 2σ with σ = Std / {Format(Traits.TruncatedStdRatio)}";
            return NormalProblem(layer, layerName, "TruncatedNormal", reach, 2, Traits.TruncatedStdRatio);
        }

        return null;
    }

    private static (string, string)? UniformProblem(LayerSpec layer, string layerName)
    {
        // The runtime draws min + (max - min)·u, and u reaches 1 exactly: the rounded width can overshoot Max by half
        // an ulp of the width. The other end, u = 2^-54, adds a positive amount to Min and only moves it toward 0.
        if (!float.IsInfinity((float)(layer.Min + (layer.Max - layer.Min) * LargestUnit)))
        {
            return null;
        }

        // Within ±float.MaxValue the overshoot is a few double ulps, far less than float's last step to infinity.
        return ("Max", $"{layerName}: Uniform with Min = {Format(layer.Min)} and Max = {Format(layer.Max)} can draw a "
            + $"weight beyond float's largest value, {FloatLimit}, which becomes infinite: give a Max of at most "
            + "3.4028234663852886E+38 (float.MaxValue)");
    }

    private static (string, string)? NormalProblem(
        LayerSpec layer, string layerName, string init, string reach, double largestDraw, double stdRatio)
    {
        double sigma = layer.Std / stdRatio;
        double spread = sigma * largestDraw;
        if (!float.IsInfinity((float)(layer.Mean - spread)) && !float.IsInfinity((float)(layer.Mean + spread)))
        {
            return null;
        }

        // |Mean| + spread ≤ float.MaxValue is enough: rounding adds a few double ulps, far less than float's last
        // step to infinity. The advice is rounded down to three digits, so it stays within.
        double largestStd = (float.MaxValue - System.Math.Abs(layer.Mean)) / largestDraw * stdRatio;
        string advice = largestStd <= 0 ? "give a Mean closer to 0 and a smaller Std"
            : layer.Mean == 0 ? $"give a Std of at most {RoundDown(largestStd)}"
            : $"give a Std of at most {RoundDown(largestStd)} with this Mean, or a Mean closer to 0";
        return ("Std", $"{layerName}: {init} draws weights as far as {reach}, and with Mean = {Format(layer.Mean)} and "
            + $"Std = {Format(layer.Std)} that is beyond float's largest value, {FloatLimit}, where they become "
            + $"infinite: {advice}");
    }

    /// <summary>A positive value rounded down to three significant digits, in the invariant culture: a bound the
    /// user can copy that still holds.</summary>
    private static string RoundDown(double value)
    {
        double scale = System.Math.Pow(10, System.Math.Floor(System.Math.Log10(value)) - 2);
        for (double digits = System.Math.Floor(value / scale); ; digits--)
        {
            string text = (digits * scale).ToString("G3", CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) <= value)
            {
                return text;
            }
        }
    }

    private static string Format(double value) => NetworkParser.Format(value);
}

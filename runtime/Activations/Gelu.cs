using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>The exact GELU of Hendrycks and Gimpel: x·Φ(x) = ½·x·erfc(−x/√2), through the tail-accurate
/// <see cref="ErrorFunction"/>. Not to be confused with <see cref="GeluTanh"/>, its tanh approximation.</summary>
/// <remarks>Known shortcoming: erfc's three rational regions are all evaluated for a vector that spans them, so GELU
/// costs about 25 ns per output on this repository's machine, several times the exp-based activations. Missing: a
/// cheaper erfc of the same accuracy (or a branch per region when a whole vector falls in one).</remarks>
public readonly struct Gelu : IActivationFunction
{
    private const double InverseSqrt2 = 0.70710678118654752440084436210485;
    private const double InverseSqrt2Pi = 0.39894228040143267793994605993438;

    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T value = T.Create(0.5) * x * ErrorFunction.Complement(-x * T.Create(InverseSqrt2));
        return DoubleVector.WithInfiniteLimits(x, value, 0, double.PositiveInfinity);
    }

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        T cumulative = T.Create(0.5) * ErrorFunction.Complement(-x * T.Create(InverseSqrt2));
        T density = T.Create(InverseSqrt2Pi) * T.Exp(T.Create(-0.5) * x * x);
        return DoubleVector.WithInfiniteLimits(x, cumulative + x * density, 0, 1);
    }
}

using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>The tanh approximation of GELU: ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), evaluated as x·σ(2u) with
/// u the tanh argument, which is the same function without the cancellation of 1 + tanh(u) for negative x.</summary>
public readonly struct GeluTanh : IActivationFunction
{
    private const double Sqrt2OverPi = 0.79788456080286535587989211986876;
    private const double Cubic = 0.044715;

    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T value = x * DoubleVector.Logistic(T.Create(2) * Argument(x));
        return DoubleVector.WithInfiniteLimits(x, value, 0, double.PositiveInfinity);
    }

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        T s = DoubleVector.Logistic(T.Create(2) * Argument(x));
        T argumentSlope = T.Create(Sqrt2OverPi) * (T.Create(1) + T.Create(3 * Cubic) * x * x);
        T slope = s + T.Create(2) * x * s * (T.Create(1) - s) * argumentSlope;
        return DoubleVector.WithInfiniteLimits(x, slope, 0, 1);
    }

    private static T Argument<T>(T x) where T : struct, IDoubleVector<T>
        => T.Create(Sqrt2OverPi) * (x + T.Create(Cubic) * x * x * x);
}

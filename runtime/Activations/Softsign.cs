using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>softsign(x) = x / (1 + |x|).</summary>
public readonly struct Softsign : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
        => DoubleVector.WithInfiniteLimits(x, x / (T.Create(1) + T.Abs(x)), -1, 1);

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        T denominator = T.Create(1) + T.Abs(x);
        return T.Create(1) / (denominator * denominator);
    }
}

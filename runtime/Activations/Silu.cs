using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>SiLU (swish with β = 1): x·σ(x).</summary>
public readonly struct Silu : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
        => DoubleVector.WithInfiniteLimits(x, x * DoubleVector.Logistic(x), 0, double.PositiveInfinity);

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        T s = DoubleVector.Logistic(x);
        return DoubleVector.WithInfiniteLimits(x, s * (T.Create(1) + x * (T.Create(1) - s)), 0, 1);
    }
}

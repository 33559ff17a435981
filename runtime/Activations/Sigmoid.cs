using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>σ(x) = 1 / (1 + e^−x), computed so that σ(−1000) = 0 and σ(89) = 1 without overflow.</summary>
public readonly struct Sigmoid : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T> => DoubleVector.Logistic(x);

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T> => y * (T.Create(1) - y);
}

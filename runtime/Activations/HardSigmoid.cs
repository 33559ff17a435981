using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>The hard sigmoid of PyTorch and Keras 3: ReLU6(x + 3) / 6, that is x/6 + ½ clamped to [0, 1].</summary>
public readonly struct HardSigmoid : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T linear = x / T.Create(6) + T.Create(0.5);
        T clamped = T.Select(T.LessThan(x, T.Create(-3)), T.Create(0), linear);
        return T.Select(T.GreaterThan(x, T.Create(3)), T.Create(1), clamped);
    }

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
    {
        T inside = T.Select(T.GreaterThan(x, T.Create(-3)), T.Create(1.0 / 6), T.Create(0));
        return T.Select(T.LessThan(x, T.Create(3)), inside, T.Create(0));
    }
}

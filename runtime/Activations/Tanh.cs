using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>tanh(x), as (1 − e^−2|x|) / (1 + e^−2|x|) with the sign of x; below |x| = 1e-4, where that quotient
/// cancels, tanh(x) = x to well within half a float ulp (the next term, x³/3, is under 4e-9 relative).</summary>
public readonly struct Tanh : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T magnitude = T.Abs(x);
        T t = T.Exp(T.Create(-2) * magnitude);
        T quotient = (T.Create(1) - t) / (T.Create(1) + t);
        return T.Select(T.LessThan(magnitude, T.Create(1e-4)), x, DoubleVector.WithSignOf(quotient, x));
    }

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T> => T.Create(1) - y * y;
}

using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>softplus(x) = ln(1 + e^x), as max(x, 0) + ln(1 + e^−|x|): exact for large |x|, no overflow. (PyTorch
/// switches to x above 20; the exact form differs from that by under 1e-9 relative there.)</summary>
public readonly struct Softplus : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
    {
        T positivePart = T.Select(T.GreaterThan(x, T.Create(0)), x, T.Create(0));
        return positivePart + DoubleVector.LogOnePlus(T.Exp(-T.Abs(x)));
    }

    /// <inheritdoc/>
    /// <remarks>Known shortcoming: the generated input-gradient helper, which evaluates this for two vectors, kept 54
    /// calls to <see cref="Double256"/>'s operators at tier 1 (.NET 10.0.12, Vector256; SiLU's helper, the same
    /// logistic, kept 2), so the JIT stopped inlining somewhere in it. Missing: finding which limit it passes and
    /// keeping under it.</remarks>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T> => DoubleVector.Logistic(x);
}

using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>ELU(x) = x for x &gt; 0, α(e^x − 1) otherwise (α = <c>Alpha</c>, 1 by default as in PyTorch).</summary>
public readonly struct Elu : IActivationFunction
{
    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
        => T.Select(T.GreaterThan(x, T.Create(0)), x, T.Create(parameter) * DoubleVector.ExpMinusOne(x));

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
        => T.Select(T.GreaterThan(x, T.Create(0)), T.Create(1), y + T.Create(parameter));
}

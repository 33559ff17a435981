using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>SELU(x) = λ·x for x &gt; 0, λ·α(e^x − 1) otherwise, with the self-normalizing constants of Klambauer et
/// al. (2017) to full double precision. It keeps its fixed point only with LeCun-normal weights.</summary>
public readonly struct Selu : IActivationFunction
{
    /// <summary>α of the paper: 1.6732632423543772848170429916717.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>λ of the paper: 1.0507009873554804934193349852946.</summary>
    public const double Lambda = 1.0507009873554804934193349852946;

    /// <inheritdoc/>
    public static T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>
        => T.Create(Lambda) * T.Select(T.GreaterThan(x, T.Create(0)), x, T.Create(Alpha) * DoubleVector.ExpMinusOne(x));

    /// <inheritdoc/>
    public static T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>
        => T.Select(T.GreaterThan(x, T.Create(0)), T.Create(Lambda), y + T.Create(Lambda * Alpha));
}

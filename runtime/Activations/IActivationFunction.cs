using NetDsl.Numerics;

namespace NetDsl.Activations;

/// <summary>
/// The mathematics of one activation, written once against double-precision vectors of any width. The generated
/// kernels reach it through <see cref="Kernels.ISimd{TVector}.Evaluate{TFunction}"/>, which widens the float
/// accumulators, calls <see cref="Value"/>, and rounds once.
/// </summary>
/// <remarks>
/// Contract shared by every implementation: NaN gives NaN, ±∞ gives the function's limit there, and a finite input
/// never gives NaN. The parameter is the layer's <c>Alpha</c>; functions without one ignore it.
/// </remarks>
public interface IActivationFunction
{
    /// <summary>f(x).</summary>
    static abstract T Value<T>(T x, double parameter) where T : struct, IDoubleVector<T>;

    /// <summary>f′(x), given x and y = f(x) (whichever is cheaper to use).</summary>
    static abstract T Slope<T>(T x, T y, double parameter) where T : struct, IDoubleVector<T>;
}

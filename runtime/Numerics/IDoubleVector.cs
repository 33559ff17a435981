using System.Runtime.CompilerServices;

namespace NetDsl.Numerics;

/// <summary>
/// A vector of double-precision lanes, or a single double, seen through one set of operations. Every activation is
/// written once against this interface and instantiated by the JIT for Vector512, Vector256, Vector128 and scalar
/// code, so all instruction-set paths evaluate the same formula.
/// </summary>
/// <remarks>
/// Activations on float data are evaluated in double precision and rounded once at the end: that keeps every result
/// within one float ulp of the exact value over the whole float range, including subnormal results and the
/// cancellation-prone regions (tanh and expm1 near zero, erfc in the tail), at about twice the cost of float math.
/// Masks are vectors whose lanes are all ones (true) or all zeros (false), as the comparison methods return them.
/// </remarks>
public interface IDoubleVector<TSelf> where TSelf : struct, IDoubleVector<TSelf>
{
    /// <summary>The number of double lanes.</summary>
    static abstract int Count { get; }

    /// <summary>The lane indices 0, 1, 2, ... as doubles.</summary>
    static abstract TSelf Indices { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>Loads <see cref="Count"/> floats and widens them to double.</summary>
    static abstract TSelf LoadWidened(ref readonly float source);

    /// <summary>Rounds every lane to float and stores <see cref="Count"/> floats.</summary>
    static abstract void StoreNarrowed(TSelf value, ref float destination);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane-wise negation.</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary>e raised to each lane; 0 below the double range, +∞ above it.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>The natural logarithm of each lane.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>Lane-wise absolute value.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary><paramref name="addend"/> + <paramref name="left"/> × <paramref name="right"/>, fused where the
    /// hardware can.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>The lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else those of
    /// <paramref name="whenFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Mask of the lanes where left &lt; right (false for NaN).</summary>
    static abstract TSelf LessThan(TSelf left, TSelf right);

    /// <summary>Mask of the lanes where left &gt; right (false for NaN).</summary>
    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>Lanes that are equal; NaN equals nothing.</summary>
    static abstract TSelf EqualTo(TSelf left, TSelf right);

    /// <summary>True when any lane of <paramref name="mask"/> is set.</summary>
    static abstract bool AnyTrue(TSelf mask);

    /// <summary>True when every lane of <paramref name="mask"/> is set.</summary>
    static abstract bool AllTrue(TSelf mask);

    /// <summary>The largest lane; NaN when any lane is NaN.</summary>
    static abstract double MaxAcross(TSelf x);

    /// <summary>The sum of the lanes.</summary>
    static abstract double SumAcross(TSelf x);
}

/// <summary>Operations shared by every <see cref="IDoubleVector{TSelf}"/>, written once on top of it.</summary>
public static class DoubleVector
{
    /// <summary>e^x − 1 without cancellation near zero: a short series below 1e-5, where exp(x) − 1 would lose
    /// digits (its relative error is about 1e-16 / |x|, below 1e-11 from there on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpMinusOne<T>(T x) where T : struct, IDoubleVector<T>
    {
        T series = x * (T.Create(1) + x * (T.Create(0.5) + x * T.Create(1.0 / 6)));
        return T.Select(T.LessThan(T.Abs(x), T.Create(1e-5)), series, T.Exp(x) - T.Create(1));
    }

    /// <summary>ln(1 + u) for u ≥ 0, without cancellation near zero (same reasoning as
    /// <see cref="ExpMinusOne{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogOnePlus<T>(T u) where T : struct, IDoubleVector<T>
    {
        T series = u * (T.Create(1) - u * (T.Create(0.5) - u * T.Create(1.0 / 3)));
        return T.Select(T.LessThan(u, T.Create(1e-5)), series, T.Log(T.Create(1) + u));
    }

    /// <summary>The logistic function 1 / (1 + e^−x): exact limits 0 and 1 at ∓∞, no overflow anywhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Logistic<T>(T x) where T : struct, IDoubleVector<T> => T.Create(1) / (T.Create(1) + T.Exp(-x));

    /// <summary>|x| with the sign of <paramref name="sign"/> (a negative zero counts as positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WithSignOf<T>(T magnitude, T sign) where T : struct, IDoubleVector<T>
        => T.Select(T.LessThan(sign, T.Create(0)), -magnitude, magnitude);

    /// <summary>Replaces the lanes where x is −∞ or +∞ by the given limits (activations of the form x·g(x) would
    /// otherwise compute ∞·0 = NaN there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WithInfiniteLimits<T>(T x, T value, double atNegativeInfinity, double atPositiveInfinity)
        where T : struct, IDoubleVector<T>
    {
        value = T.Select(T.EqualTo(x, T.Create(double.NegativeInfinity)), T.Create(atNegativeInfinity), value);
        return T.Select(T.EqualTo(x, T.Create(double.PositiveInfinity)), T.Create(atPositiveInfinity), value);
    }
}

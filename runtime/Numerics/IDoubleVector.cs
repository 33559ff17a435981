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

    /// <summary>e raised to each lane; 0 below the double range, +∞ above it, NaN for NaN.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>2^k for lanes k that are integers from −1022 to 1023, built from the exponent bits.</summary>
    static abstract TSelf TwoToThe(TSelf k);

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

    /// <summary>
    /// e^x within 1e-14 relative error (measured: 8.8e-15 over [−708, 709]) for every x, with no branch: 0 below about
    /// −745.1, +∞ above 709.78, NaN for NaN, subnormal results included. x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody
    /// and Waite's two-part ln 2, whose high part has trailing zeros so that k·ln2High is exact), e^r by its Taylor
    /// polynomial of degree 11 (truncation below r¹²/12! &lt; 7e-15), then 2^k as two factors, each a normal double,
    /// so that results down to the smallest subnormal come out right.
    /// </summary>
    /// <remarks>The vector flavors use it instead of .NET's Vector512/256/128.Exp of doubles, which is not inlined
    /// (forcing the kernels' accumulators through the stack around each call) and runs scalar code, about ten times
    /// slower, for a whole vector when any lane is NaN or beyond ±708. The tests hold it to the same accuracy bounds
    /// as everything else (within one float ulp of a double reference after rounding), and check it against
    /// Math.Exp directly.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpPolynomial<T>(T x) where T : struct, IDoubleVector<T>
    {
        // Past these bounds the result is 0 or +∞ anyway; clamping keeps 2^k's exponent arithmetic in range.
        T clamped = T.Select(T.LessThan(x, T.Create(-746)), T.Create(-746), x);
        clamped = T.Select(T.GreaterThan(clamped, T.Create(710)), T.Create(710), clamped);

        // k = round(x / ln 2), by the 1.5·2^52 shifter that rounds to nearest even in the default rounding mode.
        T shifter = T.Create(6755399441055744.0);
        T k = T.MultiplyAdd(clamped, T.Create(1.4426950408889634), shifter) - shifter;
        T r = T.MultiplyAdd(k, T.Create(-6.93147180369123816490e-01), clamped);
        r = T.MultiplyAdd(k, T.Create(-1.90821492927058770002e-10), r);

        T p = T.Create(1.0 / 39916800);
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 3628800));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 362880));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 40320));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 5040));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 720));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 120));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 24));
        p = T.MultiplyAdd(p, r, T.Create(1.0 / 6));
        p = T.MultiplyAdd(p, r, T.Create(0.5));
        p = T.MultiplyAdd(p, r, T.Create(1));
        p = T.MultiplyAdd(p, r, T.Create(1));

        // k runs from −1077 to 1024: half of it and the rest are each within a normal double's exponent range.
        T half = T.MultiplyAdd(k, T.Create(0.5), shifter) - shifter;
        return p * T.TwoToThe(half) * T.TwoToThe(k - half);
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

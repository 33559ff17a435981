using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetDsl.Numerics;

/// <summary>A Vector512 of eight doubles as an <see cref="IDoubleVector{TSelf}"/>.</summary>
public readonly struct Double512(Vector512<double> value) : IDoubleVector<Double512>
{
    /// <summary>The wrapped vector.</summary>
    public Vector512<double> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count => Vector512<double>.Count;

    /// <inheritdoc/>
    public static Double512 Indices => new(Vector512<double>.Indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Create(double value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 LoadWidened(ref readonly float source)
        => new(Vector512.WidenLower(Vector512.Create(Vector256.LoadUnsafe(in source), Vector256<float>.Zero)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowed(Double512 value, ref float destination)
        => Vector512.Narrow(value.Value, Vector512<double>.Zero).GetLower().StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 operator +(Double512 left, Double512 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 operator -(Double512 left, Double512 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 operator *(Double512 left, Double512 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 operator /(Double512 left, Double512 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 operator -(Double512 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Exp(Double512 x) => DoubleVector.ExpPolynomial(x);

    /// <inheritdoc/>
    /// <remarks>(k + 2^52 + 1023) holds k + 1023 in its low bits; shifted left by 52 they become the exponent.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 TwoToThe(Double512 k)
        => new(Vector512.ShiftLeft((k.Value + Vector512.Create(4503599627371519.0)).AsUInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Log(Double512 x) => new(Vector512.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Abs(Double512 x) => new(Vector512.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 MultiplyAdd(Double512 left, Double512 right, Double512 addend)
        => new(Vector512.MultiplyAddEstimate(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Select(Double512 mask, Double512 whenTrue, Double512 whenFalse)
        => new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 LessThan(Double512 left, Double512 right)
        => new(Vector512.LessThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 GreaterThan(Double512 left, Double512 right)
        => new(Vector512.GreaterThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 EqualTo(Double512 left, Double512 right) => new(Vector512.Equals(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(Double512 mask) => Vector512.ExtractMostSignificantBits(mask.Value) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllTrue(Double512 mask)
        => Vector512.ExtractMostSignificantBits(mask.Value) == (1u << Vector512<double>.Count) - 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(Double512 x)
    {
        // Vector512.Max propagates NaN (IEEE 754-2019 maximum), as Math.Max does, at every step of the halving.
        Vector256<double> half = Vector256.Max(x.Value.GetLower(), x.Value.GetUpper());
        Vector128<double> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        return System.Math.Max(quarter.GetElement(0), quarter.GetElement(1));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumAcross(Double512 x) => Vector512.Sum(x.Value);
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetDsl.Numerics;

/// <summary>A Vector256 of four doubles as an <see cref="IDoubleVector{TSelf}"/>.</summary>
public readonly struct Double256(Vector256<double> value) : IDoubleVector<Double256>
{
    /// <summary>The wrapped vector.</summary>
    public Vector256<double> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count => Vector256<double>.Count;

    /// <inheritdoc/>
    public static Double256 Indices => new(Vector256<double>.Indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Create(double value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 LoadWidened(ref readonly float source)
        => new(Vector256.WidenLower(Vector256.Create(Vector128.LoadUnsafe(in source), Vector128<float>.Zero)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowed(Double256 value, ref float destination)
        => Vector256.Narrow(value.Value, Vector256<double>.Zero).GetLower().StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 operator +(Double256 left, Double256 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 operator -(Double256 left, Double256 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 operator *(Double256 left, Double256 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 operator /(Double256 left, Double256 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 operator -(Double256 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Exp(Double256 x) => DoubleVector.ExpPolynomial(x);

    /// <inheritdoc/>
    /// <remarks>(k + 2^52 + 1023) holds k + 1023 in its low bits; shifted left by 52 they become the exponent.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 TwoToThe(Double256 k)
        => new(Vector256.ShiftLeft((k.Value + Vector256.Create(4503599627371519.0)).AsUInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Log(Double256 x) => new(Vector256.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Abs(Double256 x) => new(Vector256.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 MultiplyAdd(Double256 left, Double256 right, Double256 addend)
        => new(Vector256.MultiplyAddEstimate(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Select(Double256 mask, Double256 whenTrue, Double256 whenFalse)
        => new(Vector256.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 LessThan(Double256 left, Double256 right)
        => new(Vector256.LessThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 GreaterThan(Double256 left, Double256 right)
        => new(Vector256.GreaterThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 EqualTo(Double256 left, Double256 right) => new(Vector256.Equals(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(Double256 mask) => Vector256.ExtractMostSignificantBits(mask.Value) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllTrue(Double256 mask)
        => Vector256.ExtractMostSignificantBits(mask.Value) == (1u << Vector256<double>.Count) - 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(Double256 x)
    {
        // Vector128.Max propagates NaN (IEEE 754-2019 maximum), as Math.Max does.
        Vector128<double> half = Vector128.Max(x.Value.GetLower(), x.Value.GetUpper());
        return System.Math.Max(half.GetElement(0), half.GetElement(1));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumAcross(Double256 x) => Vector256.Sum(x.Value);
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetDsl.Numerics;

/// <summary>A Vector128 of two doubles as an <see cref="IDoubleVector{TSelf}"/>.</summary>
public readonly struct Double128(Vector128<double> value) : IDoubleVector<Double128>
{
    /// <summary>The wrapped vector.</summary>
    public Vector128<double> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count => Vector128<double>.Count;

    /// <inheritdoc/>
    public static Double128 Indices => new(Vector128<double>.Indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 Create(double value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 LoadWidened(ref readonly float source)
        => new(Vector128.WidenLower(Vector128.Create(Vector64.LoadUnsafe(in source), Vector64<float>.Zero)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowed(Double128 value, ref float destination)
        => Vector128.Narrow(value.Value, Vector128<double>.Zero).GetLower().StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 operator +(Double128 left, Double128 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 operator -(Double128 left, Double128 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 operator *(Double128 left, Double128 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 operator /(Double128 left, Double128 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 operator -(Double128 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 Exp(Double128 x) => DoubleVector.ExpPolynomial(x);

    /// <inheritdoc/>
    /// <remarks>(k + 2^52 + 1023) holds k + 1023 in its low bits; shifted left by 52 they become the exponent.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 TwoToThe(Double128 k)
        => new(Vector128.ShiftLeft((k.Value + Vector128.Create(4503599627371519.0)).AsUInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 Log(Double128 x) => new(Vector128.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 Abs(Double128 x) => new(Vector128.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 MultiplyAdd(Double128 left, Double128 right, Double128 addend)
        => new(Vector128.MultiplyAddEstimate(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 Select(Double128 mask, Double128 whenTrue, Double128 whenFalse)
        => new(Vector128.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 LessThan(Double128 left, Double128 right)
        => new(Vector128.LessThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 GreaterThan(Double128 left, Double128 right)
        => new(Vector128.GreaterThan(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double128 EqualTo(Double128 left, Double128 right) => new(Vector128.Equals(left.Value, right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(Double128 mask) => Vector128.ExtractMostSignificantBits(mask.Value) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllTrue(Double128 mask)
        => Vector128.ExtractMostSignificantBits(mask.Value) == (1u << Vector128<double>.Count) - 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(Double128 x)
    {
        return System.Math.Max(x.Value.GetElement(0), x.Value.GetElement(1));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumAcross(Double128 x) => Vector128.Sum(x.Value);
}

using System.Runtime.CompilerServices;

namespace NetDsl.Numerics;

/// <summary>A single double as an <see cref="IDoubleVector{TSelf}"/>: the scalar path of every activation.</summary>
public readonly struct DoubleScalar(double value) : IDoubleVector<DoubleScalar>
{
    private static readonly double True = BitConverter.Int64BitsToDouble(-1);

    /// <summary>The wrapped value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static DoubleScalar Indices => new(0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar Create(double value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar LoadWidened(ref readonly float source) => new(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowed(DoubleScalar value, ref float destination) => destination = (float)value.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar operator +(DoubleScalar left, DoubleScalar right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar operator -(DoubleScalar left, DoubleScalar right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar operator *(DoubleScalar left, DoubleScalar right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar operator /(DoubleScalar left, DoubleScalar right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar operator -(DoubleScalar value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar Exp(DoubleScalar x) => new(System.Math.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar TwoToThe(DoubleScalar k) => new(System.Math.ScaleB(1.0, (int)k.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar Log(DoubleScalar x) => new(System.Math.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar Abs(DoubleScalar x) => new(System.Math.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar MultiplyAdd(DoubleScalar left, DoubleScalar right, DoubleScalar addend)
        => new(left.Value * right.Value + addend.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar Select(DoubleScalar mask, DoubleScalar whenTrue, DoubleScalar whenFalse)
        => BitConverter.DoubleToInt64Bits(mask.Value) != 0 ? whenTrue : whenFalse;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar LessThan(DoubleScalar left, DoubleScalar right) => Mask(left.Value < right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar GreaterThan(DoubleScalar left, DoubleScalar right) => Mask(left.Value > right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleScalar EqualTo(DoubleScalar left, DoubleScalar right) => Mask(left.Value == right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(DoubleScalar mask) => BitConverter.DoubleToInt64Bits(mask.Value) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllTrue(DoubleScalar mask) => BitConverter.DoubleToInt64Bits(mask.Value) != 0;

    /// <inheritdoc/>
    public static double MaxAcross(DoubleScalar x) => x.Value;

    /// <inheritdoc/>
    public static double SumAcross(DoubleScalar x) => x.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleScalar Mask(bool condition) => new(condition ? True : 0);
}

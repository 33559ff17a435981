using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetDsl.Activations;
using NetDsl.Numerics;

namespace NetDsl.Kernels;

/// <summary>The Vector256 flavor: 8 floats per vector.</summary>
public readonly struct Simd256 : ISimd<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    public static Vector256<float> Zero => Vector256<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nint offset)
        => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nint offset)
        => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend)
        => Vector256.MultiplyAddEstimate(left, right, addend);

    /// <inheritdoc/>
    /// <remarks>MaxNative is one instruction; with zero first, x86 returns the second operand, x, when x is NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => Vector256.MaxNative(Vector256<float>.Zero, x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> x, Vector256<float> slope)
    {
        // A zero slope gives 0 for every number, −∞ included, where x·slope alone would give NaN.
        Vector256<float> zeroSlope = Vector256.Equals(slope, Vector256<float>.Zero) & Vector256.Equals(x, x);
        Vector256<float> negative = Vector256.ConditionalSelect(zeroSlope, Vector256<float>.Zero, x * slope);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, negative);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WherePositive(
        Vector256<float> x, Vector256<float> whenPositive, Vector256<float> otherwise)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), whenPositive, otherwise);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Evaluate<TFunction>(Vector256<float> x, double parameter)
        where TFunction : IActivationFunction
    {
        Double256 lower = TFunction.Value(new Double256(Vector256.WidenLower(x)), parameter);
        Double256 upper = TFunction.Value(new Double256(Vector256.WidenUpper(x)), parameter);
        return Vector256.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyBySlope<TFunction>(
        Vector256<float> gradient, Vector256<float> x, Vector256<float> y, double parameter)
        where TFunction : IActivationFunction
    {
        Double256 lower = new Double256(Vector256.WidenLower(gradient)) * TFunction.Slope(
            new Double256(Vector256.WidenLower(x)), new Double256(Vector256.WidenLower(y)), parameter);
        Double256 upper = new Double256(Vector256.WidenUpper(gradient)) * TFunction.Slope(
            new Double256(Vector256.WidenUpper(x)), new Double256(Vector256.WidenUpper(y)), parameter);
        return Vector256.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    /// <remarks>Never inlined: compiled on its own, the row's softmax inlines all its arithmetic, which the
    /// kernel that calls it, already large, would run out of inlining budget for.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SoftmaxStore(Vector256<float> first, Vector256<float> second, int count, ref float destination)
    {
        if (count <= Count)
        {
            Softmax.Store(new Double256(Vector256.WidenLower(first)), new Double256(Vector256.WidenUpper(first)), count,
                Count, ref destination);
            return;
        }

        Span<Double256> parts =
        [
            new(Vector256.WidenLower(first)), new(Vector256.WidenUpper(first)),
            new(Vector256.WidenLower(second)), new(Vector256.WidenUpper(second)),
        ];
        Softmax.Store(parts, count, (count + Count - 1) / Count * Count, ref destination);
    }

    /// <inheritdoc/>
    public static void SoftmaxInPlace(ref float row, int count) => Softmax.InPlace<Double256>(ref row, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> x) => Vector256.Sum(x);
}

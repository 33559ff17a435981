using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetDsl.Activations;
using NetDsl.Numerics;

namespace NetDsl.Kernels;

/// <summary>The Vector512 flavor: 16 floats per vector.</summary>
public readonly struct Simd512 : ISimd<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static Vector512<float> Zero => Vector512<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nint offset)
        => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nint offset)
        => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend)
        => Vector512.MultiplyAddEstimate(left, right, addend);

    /// <inheritdoc/>
    /// <remarks>MaxNative is one instruction; with zero first, x86 returns the second operand, x, when x is NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x) => Vector512.MaxNative(Vector512<float>.Zero, x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyRelu(Vector512<float> x, Vector512<float> slope)
    {
        // A zero slope gives 0 for every number, −∞ included, where x·slope alone would give NaN.
        Vector512<float> zeroSlope = Vector512.Equals(slope, Vector512<float>.Zero) & Vector512.Equals(x, x);
        Vector512<float> negative = Vector512.ConditionalSelect(zeroSlope, Vector512<float>.Zero, x * slope);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, negative);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WherePositive(
        Vector512<float> x, Vector512<float> whenPositive, Vector512<float> otherwise)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), whenPositive, otherwise);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Evaluate<TFunction>(Vector512<float> x, double parameter)
        where TFunction : IActivationFunction
    {
        Double512 lower = TFunction.Value(new Double512(Vector512.WidenLower(x)), parameter);
        Double512 upper = TFunction.Value(new Double512(Vector512.WidenUpper(x)), parameter);
        return Vector512.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyBySlope<TFunction>(
        Vector512<float> gradient, Vector512<float> x, Vector512<float> y, double parameter)
        where TFunction : IActivationFunction
    {
        Double512 lower = new Double512(Vector512.WidenLower(gradient)) * TFunction.Slope(
            new Double512(Vector512.WidenLower(x)), new Double512(Vector512.WidenLower(y)), parameter);
        Double512 upper = new Double512(Vector512.WidenUpper(gradient)) * TFunction.Slope(
            new Double512(Vector512.WidenUpper(x)), new Double512(Vector512.WidenUpper(y)), parameter);
        return Vector512.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    /// <remarks>Never inlined: compiled on its own, the row's softmax inlines all its arithmetic, which the
    /// kernel that calls it, already large, would run out of inlining budget for.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SoftmaxStore(Vector512<float> first, Vector512<float> second, int count, ref float destination)
    {
        if (count <= Count)
        {
            Softmax.Store(new Double512(Vector512.WidenLower(first)), new Double512(Vector512.WidenUpper(first)), count,
                Count, ref destination);
            return;
        }

        Span<Double512> parts =
        [
            new(Vector512.WidenLower(first)), new(Vector512.WidenUpper(first)),
            new(Vector512.WidenLower(second)), new(Vector512.WidenUpper(second)),
        ];
        Softmax.Store(parts, count, (count + Count - 1) / Count * Count, ref destination);
    }

    /// <inheritdoc/>
    public static void SoftmaxInPlace(ref float row, int count) => Softmax.InPlace<Double512>(ref row, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> x) => Vector512.Sum(x);
}

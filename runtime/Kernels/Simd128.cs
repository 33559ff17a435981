using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetDsl.Activations;
using NetDsl.Numerics;

namespace NetDsl.Kernels;

/// <summary>The Vector128 flavor: 4 floats per vector.</summary>
public readonly struct Simd128 : ISimd<Vector128<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    public static Vector128<float> Zero => Vector128<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nint offset)
        => Vector128.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nint offset)
        => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend)
        => Vector128.MultiplyAddEstimate(left, right, addend);

    /// <inheritdoc/>
    /// <remarks>MaxNative is one instruction; with zero first, x86 returns the second operand, x, when x is NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> x) => Vector128.MaxNative(Vector128<float>.Zero, x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyRelu(Vector128<float> x, Vector128<float> slope)
    {
        // A zero slope gives 0 for every number, −∞ included, where x·slope alone would give NaN.
        Vector128<float> zeroSlope = Vector128.Equals(slope, Vector128<float>.Zero) & Vector128.Equals(x, x);
        Vector128<float> negative = Vector128.ConditionalSelect(zeroSlope, Vector128<float>.Zero, x * slope);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, negative);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WherePositive(
        Vector128<float> x, Vector128<float> whenPositive, Vector128<float> otherwise)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), whenPositive, otherwise);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Evaluate<TFunction>(Vector128<float> x, double parameter)
        where TFunction : IActivationFunction
    {
        Double128 lower = TFunction.Value(new Double128(Vector128.WidenLower(x)), parameter);
        Double128 upper = TFunction.Value(new Double128(Vector128.WidenUpper(x)), parameter);
        return Vector128.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyBySlope<TFunction>(
        Vector128<float> gradient, Vector128<float> x, Vector128<float> y, double parameter)
        where TFunction : IActivationFunction
    {
        Double128 lower = new Double128(Vector128.WidenLower(gradient)) * TFunction.Slope(
            new Double128(Vector128.WidenLower(x)), new Double128(Vector128.WidenLower(y)), parameter);
        Double128 upper = new Double128(Vector128.WidenUpper(gradient)) * TFunction.Slope(
            new Double128(Vector128.WidenUpper(x)), new Double128(Vector128.WidenUpper(y)), parameter);
        return Vector128.Narrow(lower.Value, upper.Value);
    }

    /// <inheritdoc/>
    /// <remarks>Never inlined: compiled on its own, the row's softmax inlines all its arithmetic, which the
    /// kernel that calls it, already large, would run out of inlining budget for.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SoftmaxStore(Vector128<float> first, Vector128<float> second, int count, ref float destination)
    {
        if (count <= Count)
        {
            Softmax.Store(new Double128(Vector128.WidenLower(first)), new Double128(Vector128.WidenUpper(first)), count,
                Count, ref destination);
            return;
        }

        Span<Double128> parts =
        [
            new(Vector128.WidenLower(first)), new(Vector128.WidenUpper(first)),
            new(Vector128.WidenLower(second)), new(Vector128.WidenUpper(second)),
        ];
        Softmax.Store(parts, count, (count + Count - 1) / Count * Count, ref destination);
    }

    /// <inheritdoc/>
    public static void SoftmaxInPlace(ref float row, int count) => Softmax.InPlace<Double128>(ref row, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> x) => Vector128.Sum(x);
}

using System.Runtime.CompilerServices;
using NetDsl.Activations;
using NetDsl.Numerics;

namespace NetDsl.Kernels;

/// <summary>The scalar flavor, for machines without accelerated vectors: one float per "vector".</summary>
public readonly struct SimdScalar : ISimd<float>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static float Zero => 0f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Create(float value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nint offset)
        => Unsafe.Add(ref destination, offset) = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => left * right + addend;

    /// <inheritdoc/>
    /// <remarks>Passes NaN and -0 through as the vector flavors' MaxNative(0, x) does (MathF.Max would give +0).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float x) => x < 0f ? 0f : x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyRelu(float x, float slope)
        => x > 0f ? x : slope == 0f && !float.IsNaN(x) ? 0f : x * slope;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WherePositive(float x, float whenPositive, float otherwise)
        => x > 0f ? whenPositive : otherwise;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Evaluate<TFunction>(float x, double parameter) where TFunction : IActivationFunction
        => (float)TFunction.Value(new DoubleScalar(x), parameter).Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyBySlope<TFunction>(float gradient, float x, float y, double parameter)
        where TFunction : IActivationFunction
        => (float)(gradient * TFunction.Slope(new DoubleScalar(x), new DoubleScalar(y), parameter).Value);

    /// <inheritdoc/>
    /// <remarks>Never inlined: compiled on its own, the row's softmax inlines all its arithmetic, which the
    /// kernel that calls it, already large, would run out of inlining budget for.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SoftmaxStore(float first, float second, int count, ref float destination)
    {
        Softmax.Store(new DoubleScalar(first), new DoubleScalar(second), count, count, ref destination);
    }

    /// <inheritdoc/>
    public static void SoftmaxInPlace(ref float row, int count) => Softmax.InPlace<DoubleScalar>(ref row, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float x) => x;
}

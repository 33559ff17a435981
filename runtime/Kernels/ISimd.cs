using NetDsl.Activations;

namespace NetDsl.Kernels;

/// <summary>
/// One instruction-set width, as the generated kernels see it. Every generated kernel is a generic method over a
/// flavor (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/>, <see cref="SimdScalar"/>) and its
/// vector type; the JIT compiles one specialized copy per flavor, in which <see cref="Count"/> and every size derived
/// from it are constants, and the generated dispatch picks the widest accelerated flavor.
/// </summary>
/// <remarks>
/// Weights are packed in panels as wide as one vector, so <see cref="Count"/> also fixes the packed layout. Loads and
/// stores take a reference and an element offset and do no bounds checks: the generated code proves its offsets.
/// </remarks>
public interface ISimd<TVector> where TVector : struct
{
    /// <summary>Floats per vector: 16, 8, 4 or 1.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane 0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>Loads <see cref="Count"/> floats from <paramref name="source"/> + <paramref name="offset"/>.</summary>
    static abstract TVector Load(ref float source, nint offset);

    /// <summary>Stores <see cref="Count"/> floats at <paramref name="destination"/> + <paramref name="offset"/>.
    /// </summary>
    static abstract void Store(TVector value, ref float destination, nint offset);

    /// <summary>Lane-wise sum.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Lane-wise product.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary><paramref name="addend"/> + <paramref name="left"/> × <paramref name="right"/>, fused where the
    /// hardware has FMA and as a multiply then an add where it has not.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>max(x, 0), keeping NaN.</summary>
    static abstract TVector Relu(TVector x);

    /// <summary>x where x &gt; 0, else x·slope (LeakyReLU with a broadcast slope, PReLU with per-unit slopes), and
    /// +0 for a zero slope, −∞ included (the function's limit, where the product alone is NaN). NaN stays NaN.
    /// </summary>
    static abstract TVector LeakyRelu(TVector x, TVector slope);

    /// <summary><paramref name="whenPositive"/> where x &gt; 0, else <paramref name="otherwise"/>.</summary>
    static abstract TVector WherePositive(TVector x, TVector whenPositive, TVector otherwise);

    /// <summary>f(x) for an activation evaluated in double precision and rounded once.</summary>
    static abstract TVector Evaluate<TFunction>(TVector x, double parameter) where TFunction : IActivationFunction;

    /// <summary>gradient × f′(x), given x and y = f(x), in double precision and rounded once.</summary>
    static abstract TVector MultiplyBySlope<TFunction>(TVector gradient, TVector x, TVector y, double parameter)
        where TFunction : IActivationFunction;

    /// <summary>Softmax over the first <paramref name="count"/> lanes of two vectors (count ≤ 2 × Count), stored as
    /// ⌈count / Count⌉ vectors whose lanes past count are 0.</summary>
    static abstract void SoftmaxStore(TVector first, TVector second, int count, ref float destination);

    /// <summary>Softmax of the <paramref name="count"/> floats at <paramref name="row"/>, in place, on this flavor's
    /// double-precision vectors.</summary>
    static abstract void SoftmaxInPlace(ref float row, int count);

    /// <summary>The lanes summed.</summary>
    static abstract float Sum(TVector x);
}

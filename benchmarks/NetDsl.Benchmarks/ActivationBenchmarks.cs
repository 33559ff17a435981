using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using NetDsl.Activations;
using NetDsl.Kernels;

namespace NetDsl.Benchmarks;

/// <summary>
/// The price of NetDsl's accuracy: its activations are evaluated in double precision and rounded once (within 1 ulp),
/// where TensorPrimitives computes in float. Both map 4,096 floats in place with the widest accelerated vectors.
/// </summary>
public class ActivationBenchmarks
{
    private readonly float[] _values = new float[4096];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = (random.NextSingle() - 0.5f) * 8;
        }
    }

    [Benchmark(Baseline = true)]
    public void NetDslSigmoid() => Map<Sigmoid>(_values);

    [Benchmark]
    public void TensorPrimitivesSigmoid() => TensorPrimitives.Sigmoid(_values, _values);

    [Benchmark]
    public void NetDslTanh() => Map<Tanh>(_values);

    [Benchmark]
    public void TensorPrimitivesTanh() => TensorPrimitives.Tanh(_values, _values);

    // The dispatch of the generated code: SimdSelection.Current is a constant to the JIT.
    private static void Map<TFunction>(float[] values) where TFunction : IActivationFunction
    {
        switch (SimdSelection.Current)
        {
            case SimdFlavor.Vector512:
                Map<Simd512, Vector512<float>, TFunction>(values);
                break;
            case SimdFlavor.Vector256:
                Map<Simd256, Vector256<float>, TFunction>(values);
                break;
            case SimdFlavor.Vector128:
                Map<Simd128, Vector128<float>, TFunction>(values);
                break;
            default:
                Map<SimdScalar, float, TFunction>(values);
                break;
        }
    }

    private static void Map<TSimd, TVector, TFunction>(float[] values)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TFunction : IActivationFunction
    {
        ref float start = ref values[0];
        for (int i = 0; i + TSimd.Count <= values.Length; i += TSimd.Count)
        {
            TSimd.Store(TSimd.Evaluate<TFunction>(TSimd.Load(ref start, i), 0), ref start, i);
        }
    }
}

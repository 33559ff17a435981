using System.Runtime.Intrinsics;
using NetDsl.Activations;
using NetDsl.Kernels;

namespace NetDsl.Tests.Support;

/// <summary>Runs an activation over an array with each of the four kernel flavors, whatever the hardware (a flavor
/// wider than the machine runs in software), exactly as the generated epilogues call it.</summary>
public static class Flavors
{
    public static readonly SimdFlavor[] All =
        [SimdFlavor.Vector512, SimdFlavor.Vector256, SimdFlavor.Vector128, SimdFlavor.Scalar];

    public static float[] Apply(SimdFlavor flavor, Act activation, float[] input, float alpha)
    {
        // Pad to whole vectors of the widest flavor; the padding is computed and dropped.
        var data = new float[(input.Length + 15) / 16 * 16];
        input.CopyTo(data, 0);
        switch (flavor)
        {
            case SimdFlavor.Vector512:
                Apply<Simd512, Vector512<float>>(activation, data, alpha);
                break;
            case SimdFlavor.Vector256:
                Apply<Simd256, Vector256<float>>(activation, data, alpha);
                break;
            case SimdFlavor.Vector128:
                Apply<Simd128, Vector128<float>>(activation, data, alpha);
                break;
            default:
                Apply<SimdScalar, float>(activation, data, alpha);
                break;
        }

        return data[..input.Length];
    }

    private static void Apply<TSimd, TVector>(Act activation, float[] data, float alpha)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        switch (activation)
        {
            case Act.Linear:
                return;
            case Act.ReLU:
                Map<TSimd, TVector>(data, TSimd.Relu);
                return;
            case Act.LeakyReLU or Act.PReLU:
                Map<TSimd, TVector>(data, x => TSimd.LeakyRelu(x, TSimd.Create(alpha)));
                return;
            case Act.Sigmoid: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Sigmoid>(x, alpha)); return;
            case Act.Tanh: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Tanh>(x, alpha)); return;
            case Act.ELU: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Elu>(x, alpha)); return;
            case Act.SELU: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Selu>(x, alpha)); return;
            case Act.GELU: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Gelu>(x, alpha)); return;
            case Act.GeluTanh: Map<TSimd, TVector>(data, x => TSimd.Evaluate<GeluTanh>(x, alpha)); return;
            case Act.SiLU: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Silu>(x, alpha)); return;
            case Act.Softplus: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Softplus>(x, alpha)); return;
            case Act.Softsign: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Softsign>(x, alpha)); return;
            case Act.HardSigmoid: Map<TSimd, TVector>(data, x => TSimd.Evaluate<HardSigmoid>(x, alpha)); return;
            case Act.Mish: Map<TSimd, TVector>(data, x => TSimd.Evaluate<Mish>(x, alpha)); return;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not elementwise.");
        }
    }

    private static void Map<TSimd, TVector>(float[] data, Func<TVector, TVector> function)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        for (int i = 0; i < data.Length; i += TSimd.Count)
        {
            TSimd.Store(function(TSimd.Load(ref data[i], 0)), ref data[i], 0);
        }
    }
}

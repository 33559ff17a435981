using System.Runtime.Intrinsics;

namespace NetDsl.Kernels;

/// <summary>The instruction-set widths the generated kernels are compiled for.</summary>
public enum SimdFlavor
{
    /// <summary>One float at a time (<see cref="SimdScalar"/>).</summary>
    Scalar = 1,

    /// <summary>4 floats per vector (<see cref="Simd128"/>).</summary>
    Vector128 = 4,

    /// <summary>8 floats per vector (<see cref="Simd256"/>).</summary>
    Vector256 = 8,

    /// <summary>16 floats per vector (<see cref="Simd512"/>).</summary>
    Vector512 = 16,
}

/// <summary>
/// Which flavor the generated networks run in this process: the widest one whose vectors are hardware accelerated.
/// The value is read once into a static readonly field. Once the class is initialized, the tiered JIT treats it as
/// a constant, so the dispatch in the generated code compiles down to the one branch taken; NativeAOT, compiling
/// ahead of the process, keeps one well-predicted branch per call.
/// </summary>
/// <remarks>
/// The environment variable <c>NETDSL_SIMD</c> (<c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or
/// <c>Scalar</c>) overrides the choice. Its purpose is testing: a wider flavor than the hardware has still computes
/// correctly, in software, so every kernel instantiation can be checked on any machine. It also lets a user pin a
/// narrower width. An unrecognized value is ignored.
/// </remarks>
public static class SimdSelection
{
    /// <summary>The flavor the kernels run.</summary>
    public static readonly SimdFlavor Current = Select(Environment.GetEnvironmentVariable("NETDSL_SIMD"));

    /// <summary>The flavor for an override value, or the widest accelerated one when it is null or unrecognized.
    /// </summary>
    public static SimdFlavor Select(string? requested) => requested?.Trim().ToLowerInvariant() switch
    {
        "vector512" => SimdFlavor.Vector512,
        "vector256" => SimdFlavor.Vector256,
        "vector128" => SimdFlavor.Vector128,
        "scalar" => SimdFlavor.Scalar,
        _ => Vector512.IsHardwareAccelerated ? SimdFlavor.Vector512
            : Vector256.IsHardwareAccelerated ? SimdFlavor.Vector256
            : Vector128.IsHardwareAccelerated ? SimdFlavor.Vector128
            : SimdFlavor.Scalar,
    };
}

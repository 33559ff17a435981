namespace NetDsl.Sample.Tests;

/// <summary>A test that needs Linux (/proc, which refuses new files even to root, and chattr). Elsewhere it is
/// reported as skipped, with the reason, rather than passing without having checked anything.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        Skip = Platform.SkipUnlessLinux;
    }
}

/// <inheritdoc cref="LinuxFactAttribute"/>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        Skip = Platform.SkipUnlessLinux;
    }
}

/// <summary>A test that needs multiply-add fused in hardware, which the vector kernels then use at every width.
/// Elsewhere they round each product separately, as the scalar kernels always do, and the test is skipped.</summary>
public sealed class FusedMultiplyAddFactAttribute : FactAttribute
{
    public FusedMultiplyAddFactAttribute()
    {
        bool fused = System.Runtime.Intrinsics.X86.Fma.IsSupported
            || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        Skip = fused ? null : "Needs a CPU with fused multiply-add.";
    }
}

internal static class Platform
{
    public static string? SkipUnlessLinux => OperatingSystem.IsLinux() ? null : "Needs Linux: /proc and chattr.";
}

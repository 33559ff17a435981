using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetDsl.Tests.Support;

// Tests that need something of the platform. Where it is missing they are reported as skipped, with the reason,
// rather than passing without having checked anything. The sample's tests link this file.

/// <summary>A test that needs Linux's /proc, which refuses new files even to root.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute() => Skip = PlatformNeeds.Linux;
}

/// <inheritdoc cref="LinuxFactAttribute"/>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute() => Skip = PlatformNeeds.Linux;
}

/// <summary>A test of Unix file modes.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute() => Skip = OperatingSystem.IsWindows() ? "Needs Unix file modes." : null;
}

/// <summary>A test that makes a path refuse writes with <see cref="WriteProtection"/>.</summary>
public sealed class WriteProtectedFactAttribute : FactAttribute
{
    public WriteProtectedFactAttribute() => Skip = PlatformNeeds.WriteProtection.Value;
}

/// <inheritdoc cref="WriteProtectedFactAttribute"/>
public sealed class WriteProtectedTheoryAttribute : TheoryAttribute
{
    public WriteProtectedTheoryAttribute() => Skip = PlatformNeeds.WriteProtection.Value;
}

/// <summary>A test that needs multiply-add fused in hardware, which the vector kernels then use at every width; without
/// it they round each product separately, as the scalar kernels always do.</summary>
public sealed class FusedMultiplyAddFactAttribute : FactAttribute
{
    public FusedMultiplyAddFactAttribute()
        => Skip = Fma.IsSupported || AdvSimd.IsSupported ? null : "Needs a CPU with fused multiply-add.";
}

/// <summary>Why a platform cannot run a kind of test, or null where it can.</summary>
internal static class PlatformNeeds
{
    public static string? Linux => OperatingSystem.IsLinux() ? null : "Needs Linux's /proc.";

    /// <summary>Found out once, by protecting a fresh folder: root in a container may lack the capability that chattr
    /// needs, and a machine may lack chattr.</summary>
    public static readonly Lazy<string?> WriteProtection = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Write protection is implemented for Linux only.";
        }

        string folder = Directory.CreateTempSubdirectory("netdsl-probe-").FullName;
        try
        {
            using (new WriteProtection(folder))
            {
                return null;
            }
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        finally
        {
            Directory.Delete(folder);
        }
    });
}

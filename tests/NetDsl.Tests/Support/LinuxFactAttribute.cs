namespace NetDsl.Tests.Support;

/// <summary>A test that needs Linux (/proc, which refuses new files even to root, and chattr). Elsewhere it is
/// reported as skipped, with the reason, rather than passing without having checked anything.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        Skip = OperatingSystem.IsLinux() ? null : "Needs Linux: /proc and chattr.";
    }
}

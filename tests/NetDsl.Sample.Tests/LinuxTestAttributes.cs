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

internal static class Platform
{
    public static string? SkipUnlessLinux => OperatingSystem.IsLinux() ? null : "Needs Linux: /proc and chattr.";
}

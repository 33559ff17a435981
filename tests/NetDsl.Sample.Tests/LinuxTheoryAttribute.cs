namespace NetDsl.Sample.Tests;

/// <summary>A theory that needs Linux (its /proc refuses new files even to root). Elsewhere it is reported as skipped,
/// with the reason, rather than passing without having checked anything.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: it writes into /proc, which refuses new files.";
        }
    }
}

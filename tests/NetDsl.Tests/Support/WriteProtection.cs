using System.Diagnostics;

namespace NetDsl.Tests.Support;

/// <summary>
/// Makes a file or folder refuse changes for as long as it is held: a folder takes no new entries, a file cannot be
/// written. Permissions do not bind root, which the tests run as here, so as root the path is made immutable
/// (<c>chattr +i</c>, the same refusal with EPERM); otherwise its mode loses every write bit.
/// </summary>
internal sealed class WriteProtection : IDisposable
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    private readonly string _path;
    private readonly UnixFileMode _mode;

    public WriteProtection(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Write protection is implemented for Linux only.");
        }

        _path = path;
        _mode = File.GetUnixFileMode(path);
        if (IsRoot)
        {
            ChangeAttributes("+i");
        }
        else
        {
            const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            File.SetUnixFileMode(path, _mode & ~AnyWrite);
        }
    }

    public void Dispose()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Write protection is implemented for Linux only.");
        }

        if (IsRoot)
        {
            ChangeAttributes("-i");
        }
        else
        {
            File.SetUnixFileMode(_path, _mode);
        }
    }

    private void ChangeAttributes(string change)
    {
        var start = new ProcessStartInfo("chattr", [change, _path]) { RedirectStandardError = true };
        using Process chattr = Process.Start(start)!;
        string errors = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        Assert.True(chattr.ExitCode == 0, $"chattr {change} {_path} failed, so the test cannot protect it: {errors}");
    }
}

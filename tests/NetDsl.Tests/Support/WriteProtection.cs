using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;

namespace NetDsl.Tests.Support;

/// <summary>
/// Makes a file or folder refuse changes for as long as it is held: a folder takes no new entries, a file cannot be
/// written. Permissions do not bind root, which the tests run as here, so as root the path is made immutable
/// (<c>chattr +i</c>, the same refusal with EPERM); otherwise its mode loses every write bit. The constructor checks
/// that the refusal holds. A test host killed while holding one leaves the path immutable: scripts/test clears such
/// leftovers before it runs.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class WriteProtection : IDisposable
{
    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private readonly string _path;
    private readonly UnixFileMode? _modeToRestore;

    /// <exception cref="InvalidOperationException">The path could not be protected, or the protection did not hold.
    /// </exception>
    public WriteProtection(string path)
    {
        _path = path;
        if (Environment.IsPrivilegedProcess)
        {
            ChangeAttributes("+i");
        }
        else
        {
            _modeToRestore = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, _modeToRestore.Value & ~AnyWrite);
        }

        if (AcceptsWrites())
        {
            Dispose();
            throw new InvalidOperationException($"{path} still accepts writes after it was protected.");
        }
    }

    public void Dispose()
    {
        if (_modeToRestore is { } mode)
        {
            File.SetUnixFileMode(_path, mode);
        }
        else
        {
            ChangeAttributes("-i");
        }
    }

    private bool AcceptsWrites()
    {
        try
        {
            if (Directory.Exists(_path))
            {
                string probe = Path.Combine(_path, ".write-protection-probe");
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            else
            {
                using var opened = new FileStream(_path, FileMode.Open, FileAccess.Write);
            }

            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void ChangeAttributes(string change)
    {
        string failure;
        try
        {
            var start = new ProcessStartInfo("chattr", [change, _path]) { RedirectStandardError = true };
            using Process chattr = Process.Start(start)!;
            failure = chattr.StandardError.ReadToEnd().Trim();
            chattr.WaitForExit();
            if (chattr.ExitCode == 0)
            {
                return;
            }
        }
        catch (Win32Exception e)
        {
            failure = e.Message;
        }

        throw new InvalidOperationException(
            $"chattr {change} {_path} failed, so it cannot be write-protected: {failure}");
    }
}

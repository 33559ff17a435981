using System.Globalization;
using System.Text.RegularExpressions;
using FashionMnistSample;
using Spectre.Console.Testing;

namespace NetDsl.Sample.Tests;

/// <summary>One in-process run of the app on a test console, which is not interactive: progress comes as plain lines.
/// </summary>
internal sealed partial record SampleRun(int ExitCode, string Output)
{
    /// <summary>Runs the app with <paramref name="args"/>; wide enough that no table wraps.</summary>
    public static SampleRun Start(params string[] args) => StartWithInstalledData(null, args);

    /// <summary>Runs the app as if the full data set were installed in <paramref name="installedData"/> (the app's
    /// default folder when null), so that a test can tell what the app does with a folder it has never been given.
    /// </summary>
    public static SampleRun StartWithInstalledData(string? installedData, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        int exitCode = installedData is null ? App.Run(args, console) : App.Run(args, console, null, installedData);
        return new SampleRun(exitCode, console.Output);
    }

    /// <summary>The value of the "test accuracy: 0.XXXX" line, which must be there.</summary>
    public double TestAccuracy
    {
        get
        {
            Match match = TestAccuracyLine().Match(Output);
            Assert.True(match.Success, "no 'test accuracy: 0.XXXX' line in:\n" + Output);
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"^test accuracy: (\d\.\d{4})$", RegexOptions.Multiline)]
    public static partial Regex TestAccuracyLine();
}

/// <summary>A fresh directory under the system's temporary folder, deleted with everything in it.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("netdsl-sample-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using FashionMnistSample.LabRun;
using Spectre.Console;

namespace FashionMnistSample;

/// <summary>The app as a function of its arguments and console, so tests run it in-process on a test console.
/// </summary>
public static class App
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen mode and returns the exit code: 0 on success, 1 on a
    /// usage error or a failure (a missing data or weights file), with the message on <paramref name="errors"/>.
    /// </summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="console">Where every report goes; help text goes to its underlying writer.</param>
    /// <param name="errors">Where error messages go; the console's writer when null.</param>
    /// <param name="installedData">Where to look for the full data set when --data is not given:
    /// <see cref="DataSource.InstalledDirectory"/> when null. Tests give a folder of their own.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter? errors = null, string? installedData = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        TextWriter output = console.Profile.Out.Writer;
        errors ??= output;
        installedData ??= DataSource.InstalledDirectory;
        RootCommand root = AppOptions.Build(
            settings => Execute(settings with { InstalledData = installedData }, console, errors));

        // Every number the app prints or parses reads the same everywhere: "test accuracy: 0.8812", "--learning-rate
        // 1e-3". The culture is put back for the in-process caller.
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            ParseResult parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction parseError)
            {
                // The error alone, not the whole help text after it.
                parseError.ShowHelp = false;
            }

            int exitCode = parsed.Invoke(new InvocationConfiguration { Output = output, Error = errors });
            if (parsed.Errors.Count > 0)
            {
                errors.WriteLine("Run with --help to see the options.");
            }

            return exitCode;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static int Execute(Settings settings, IAnsiConsole console, TextWriter errors)
    {
        try
        {
            OutputFiles.Check(settings);
            if (settings.Predict is not null)
            {
                return PredictJob.Run(settings, console);
            }

            if (settings.Lab)
            {
                return LabJob.Run(settings, console);
            }

            return MainJob.Run(settings, console);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
            or UsageException)
        {
            // Missing or malformed files and bad option values the parser cannot see: the message says it all.
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}

/// <summary>An option value found wrong only when it is used (an unknown lab variant, an index past the test set).
/// </summary>
internal sealed class UsageException(string message) : Exception(message);

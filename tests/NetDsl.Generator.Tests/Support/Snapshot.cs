using System.Runtime.CompilerServices;
using DiffPlex.Renderer;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// Compares generated text with a file checked in under <c>Snapshots/</c>. With the environment variable
/// <c>NETDSL_UPDATE_SNAPSHOTS=1</c> it rewrites a file that differs instead (see Snapshots/README.md), in the source
/// tree, not in the build output, so that <c>git diff</c> shows what changed; the test still fails, naming the file,
/// so that a run with the variable set (in CI, say) can never pass with changed output.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "NETDSL_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The checked-in snapshots, found from this file's path at compile time; when the build mapped source
    /// paths away (a deterministic CI build), from the test assembly's folder upwards.</summary>
    public static string Directory => s_directory.Value;

    private static readonly Lazy<string> s_directory = new(() => Locate());

    public static void Match(string actual, string fileName)
        => Match(actual, Path.Combine(Directory, fileName), "Snapshots/" + fileName, Updating);

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="path"/>, shown as
    /// <paramref name="shownName"/>; when <paramref name="updating"/>, writes it there if it differs or is missing,
    /// and fails all the same.</summary>
    internal static void Match(string actual, string path, string shownName, bool updating)
    {
        actual = Normalize(actual);
        string? expected = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;
        if (expected == actual)
        {
            return;
        }

        if (updating)
        {
            File.WriteAllText(path, actual);
            Assert.Fail(
                $"{UpdateVariable}=1 {(expected is null ? "wrote the missing" : "rewrote the differing")} snapshot "
                    + $"{shownName} ({path}). Review it (git diff, or git status for a new file), commit it, and rerun "
                    + $"the tests without {UpdateVariable}: a run that rewrites a snapshot never passes."
                    + (expected is null ? "" : "\n" + Diff(expected, actual, shownName)));
        }

        Assert.True(
            expected is not null,
            $"No snapshot {shownName} at {path}. Run the tests with {UpdateVariable}=1 to write it, then review and "
                + "commit it and run them again without the variable.");
        Assert.Fail(
            $"The generated source differs from {shownName}. If the change is intended, run the tests with "
                + $"{UpdateVariable}=1, review and commit the rewritten snapshot, and run them again without the "
                + $"variable.\n{Diff(expected!, actual, shownName)}");
    }

    private static string Diff(string expected, string actual, string shownName)
        => UnidiffRenderer.GenerateUnidiff(
            expected, actual, shownName, "generated", ignoreWhitespace: false, ignoreCase: false, contextLines: 3);

    /// <summary>Line endings as the generator writes them, whatever git did to the checked-in file.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string Locate([CallerFilePath] string thisFile = "")
    {
        string fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "Snapshots"));
        if (File.Exists(Path.Combine(fromSource, "README.md")))
        {
            return fromSource;
        }

        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "NetDsl.Generator.Tests", "Snapshots");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }

            candidate = Path.Combine(folder.FullName, "Snapshots");
            if (File.Exists(Path.Combine(candidate, "README.md"))
                && File.Exists(Path.Combine(folder.FullName, "NetDsl.Generator.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the Snapshots folder from '{thisFile}' or '{AppContext.BaseDirectory}'.");
    }
}

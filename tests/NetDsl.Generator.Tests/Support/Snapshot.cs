using System.Runtime.CompilerServices;
using DiffPlex.Renderer;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// Compares generated text with a file checked in under <c>Snapshots/</c>. With the environment variable
/// <c>NETDSL_UPDATE_SNAPSHOTS=1</c> it rewrites the file instead (see Snapshots/README.md), in the source tree,
/// not in the build output, so that <c>git diff</c> shows what changed.
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
    {
        string path = Path.Combine(Directory, fileName);
        actual = Normalize(actual);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(
            File.Exists(path),
            $"No snapshot {fileName} in {Directory}"
                + $". Run the tests with {UpdateVariable}=1 to write it, then review and commit it.");
        string expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            return;
        }

        string diff = UnidiffRenderer.GenerateUnidiff(
            expected, actual, "Snapshots/" + fileName, "generated", ignoreWhitespace: false, ignoreCase: false,
            contextLines: 3);
        Assert.Fail(
            $"The generated source differs from Snapshots/{fileName}. If the change is intended, run the tests with " +
            $"{UpdateVariable}=1 and commit the rewritten snapshot.\n{diff}");
    }

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

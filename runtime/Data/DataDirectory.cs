namespace NetDsl.Data;

/// <summary>Finds a directory of data files that an app names by a path, such as the Fashion-MNIST subset a sample
/// copies next to its executable.</summary>
public static class DataDirectory
{
    /// <summary>
    /// The full path of the directory <paramref name="path"/> names. An absolute path is taken as is. A relative path
    /// is tried first against the app's output directory (<see cref="AppContext.BaseDirectory"/>), where a project
    /// copies its data files, so the app finds them wherever it is started from; then against the current directory.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such directory exists; the message lists the places
    /// tried.</exception>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string[] candidates = Path.IsPathFullyQualified(path)
            ? [path]
            : [Path.Combine(AppContext.BaseDirectory, path), Path.Combine(Directory.GetCurrentDirectory(), path)];
        candidates = [.. candidates.Select(Path.GetFullPath).Distinct()];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"Data directory not found: {string.Join(", or ", candidates)}");
    }
}

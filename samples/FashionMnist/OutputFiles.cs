namespace FashionMnistSample;

/// <summary>
/// Checks, before any training, that every file the run will write can be written: a wrong path then fails in a
/// second with the user's path and the reason, not after the whole run with the name of an internal temporary file.
/// </summary>
internal static class OutputFiles
{
    /// <summary>Throws a <see cref="UsageException"/> naming the first output of the chosen mode that cannot be
    /// written. Predicting writes nothing.</summary>
    public static void Check(Settings settings)
    {
        if (settings.Predict is not null)
        {
            return;
        }

        HashSet<string> dataFiles = [.. DataSource.Locate(settings).DataFiles()];
        void CheckNotData(string option, string path)
        {
            if (dataFiles.Contains(Path.GetFullPath(path)))
            {
                throw Refuse(option, path, "one of the data files this run reads; name another file");
            }
        }

        if (!settings.Lab)
        {
            CheckNotData("--weights", settings.WeightsPath);
            CheckWritable("--weights", settings.WeightsPath, createsDirectory: false);
            return;
        }

        // The lab creates missing folders for its outputs (LabJob), so that they can all go in a new one.
        List<(string Option, string Path)> outputs =
            [("--lab-plot", settings.LabPlotPath), ("--lab-weights", settings.LabWeightsPath)];
        if (settings.LabReportPath is { } report)
        {
            outputs.Add(("--lab-report", report));
        }

        for (int i = 0; i < outputs.Count; i++)
        {
            CheckNotData(outputs[i].Option, outputs[i].Path);
            CheckWritable(outputs[i].Option, outputs[i].Path, createsDirectory: true);
            if (outputs.Take(i).FirstOrDefault(o => Path.GetFullPath(o.Path) == Path.GetFullPath(outputs[i].Path))
                is { Option: { } earlier })
            {
                throw Refuse(outputs[i].Option, outputs[i].Path, $"the same file as {earlier}; name another one");
            }
        }

        // ScottPlot writes a PNG whatever the name says; a plot.jpg or plot.txt would hold a PNG unannounced.
        if (!settings.LabPlotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("--lab-plot", settings.LabPlotPath, "the plot is a PNG image: name a file ending in .png");
        }
    }

    /// <summary>" (replacing the previous file)" if <paramref name="path"/> exists, else "": the app overwrites
    /// without asking, so that a run can be repeated unattended, and says so. Call it before writing.</summary>
    public static string Replacing(string path) => File.Exists(path) ? " (replacing the previous file)" : "";

    private static void CheckWritable(string option, string path, bool createsDirectory)
    {
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath) || Path.EndsInDirectorySeparator(path))
        {
            throw Refuse(option, path, "is a directory, not a file");
        }

        // The nearest folder that exists is where the first file or subfolder will be created.
        string directory = Path.GetDirectoryName(fullPath)!;
        while (!Directory.Exists(directory))
        {
            if (File.Exists(directory))
            {
                throw Refuse(option, path, $"{directory} is a file, not a directory");
            }

            if (!createsDirectory)
            {
                throw Refuse(option, path, $"there is no directory {directory}");
            }

            directory = Path.GetDirectoryName(directory)!;
        }

        // Only creating a file tells for sure: permissions, a read-only mount and /proc all refuse it differently.
        string probe = Path.Combine(directory, $".netdsl-write-check-{Guid.NewGuid():N}.tmp");
        try
        {
            using var created = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1,
                FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception's own message names the probe, a file the user never asked for.
            string reason = e switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "the directory does not accept new files",
                _ => e.Message.Replace($" : '{probe}'", "", StringComparison.Ordinal).Replace(probe, directory),
            };
            throw Refuse(option, path, $"cannot create a file in {directory} ({reason})");
        }

        if (File.Exists(fullPath))
        {
            try
            {
                // Opening for writing changes neither the content nor the modification time.
                using var existing = new FileStream(fullPath, FileMode.Open, FileAccess.Write);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Refuse(option, path, "the existing file cannot be replaced (read-only or locked)");
            }
        }
    }

    private static UsageException Refuse(string option, string path, string reason)
        => new($"{option} {path}: {reason}");
}

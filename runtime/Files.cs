namespace NetDsl;

/// <summary>
/// Opening and replacing the files a user names, with errors that name the user's path and say what is wrong. The
/// framework's own messages name whatever path it was handed, so a failed atomic save would point at a hidden
/// temporary file, and a folder opened as a file reads "Access to the path is denied".
/// </summary>
internal static class Files
{
    /// <summary>Opens <paramref name="path"/> for reading; a folder is refused by name, other failures pass as the
    /// framework reports them (they already name the path).</summary>
    public static FileStream OpenRead(string path, FileOptions options = FileOptions.None)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && Directory.Exists(path))
        {
            throw new IOException(
                $"Could not read '{Path.GetFullPath(path)}': it is a folder, not a file; name a file inside it.", e);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically: <paramref name="write"/> fills a temporary file beside it, which
    /// is flushed to disk and then moved over the target. On any failure the temporary file is deleted, a previous
    /// file at <paramref name="path"/> is left as it was, and a file-system failure is rethrown as the same kind of
    /// exception (<see cref="IOException"/>, <see cref="DirectoryNotFoundException"/>,
    /// <see cref="UnauthorizedAccessException"/>) with a message naming <paramref name="path"/>, the original inside.
    /// </summary>
    public static void ReplaceAtomically(string path, Action<Stream> write, Func<Stream, Stream>? wrapFile = null)
    {
        string fullPath = Path.GetFullPath(path);

        // Through a symbolic link the file it points to is replaced, not the link (a rename would put a plain file in
        // the link's place).
        fullPath = FinalTarget(fullPath);

        if (Directory.Exists(fullPath))
        {
            // Refused before writing: the final move would fail only after the whole file was written.
            throw new IOException(FolderAsFile(fullPath));
        }

        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        // A fixed-length name: the target's own name plus a suffix could pass the file system's 255-byte limit.
        string temporary = Path.Combine(folder, $".netdsl-{Guid.NewGuid():N}.tmp");
        UnixFileMode? keptMode = ExistingMode(fullPath);
        try
        {
            using (var file = new FileStream(temporary, TemporaryFileOptions(keptMode)))
            {
                write(wrapFile is null ? file : wrapFile(file));
                file.Flush(flushToDisk: true);
            }

            // The new file takes the old one's permissions: a private weights file must not become world-readable.
            // The creation mode above passed through the umask, which may have dropped bits the old file had.
            if (keptMode is UnixFileMode mode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, mode);
            }

            // A rename within one folder replaces the old file in one step. The folder entry itself is not
            // flushed (.NET has no API for it), so a power cut right after may still show the old file.
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporary);
            throw SaveFailure(e, fullPath, folder, temporary);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>The permissions of the file about to be replaced, on Unix; null for a new file (which gets the
    /// umask's default, as any new file does) and on Windows. The owner is not carried over.</summary>
    private static UnixFileMode? ExistingMode(string fullPath)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(fullPath))
        {
            return null;
        }

        try
        {
            return File.GetUnixFileMode(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A new file for writing, created no more open than the file it replaces, so that its contents are
    /// never readable by more users than the old file's were, even before the move.</summary>
    private static FileStreamOptions TemporaryFileOptions(UnixFileMode? keptMode)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16,
        };
        if (keptMode is UnixFileMode mode && !OperatingSystem.IsWindows())
        {
            // The owner must keep the right to write the file it creates, whatever the old file allowed.
            options.UnixCreateMode = mode | UnixFileMode.UserWrite | UnixFileMode.UserRead;
        }

        return options;
    }

    private static string FinalTarget(string fullPath)
    {
        try
        {
            var file = new FileInfo(fullPath);
            return file.LinkTarget is null ? fullPath : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing folder or an unreadable link: the save itself reports it, in terms of the user's path.
            return fullPath;
        }
    }

    private static string FolderAsFile(string fullPath)
        => $"Could not save '{fullPath}': it is a folder, not a file; name a file inside it.";

    /// <summary>The failure of a save, told in terms of the user's path rather than the temporary file.</summary>
    private static Exception SaveFailure(Exception failure, string fullPath, string folder, string temporary)
    {
        string opening = $"Could not save '{fullPath}': ";
        return failure switch
        {
            _ when Directory.Exists(fullPath) => new IOException(FolderAsFile(fullPath), failure),
            DirectoryNotFoundException => new DirectoryNotFoundException(
                opening + MissingFolder(folder), failure),

            // Creating a new file found no such file: a virtual file system such as /proc refuses new files so.
            FileNotFoundException => new IOException(
                opening + $"the folder '{folder}' does not accept new files; choose another folder.", failure),
            UnauthorizedAccessException => new UnauthorizedAccessException(
                opening + $"permission denied: writing in '{folder}' or replacing the file is not allowed.", failure),
            PathTooLongException => new PathTooLongException(opening + "the path is too long.", failure),
            _ => new IOException(opening + Reason(failure.Message, temporary, fullPath), failure),
        };
    }

    /// <summary>Why a folder cannot be found: it does not exist, or a file stands where a folder should be.</summary>
    private static string MissingFolder(string folder)
    {
        for (string? ancestor = folder; ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                return $"'{ancestor}' is a file, not a folder.";
            }

            if (Directory.Exists(ancestor))
            {
                break;
            }
        }

        return $"the folder '{folder}' does not exist; create it first.";
    }

    /// <summary>The framework's reason without the path it names: Unix messages read "No space left on device :
    /// '/path'"; any other mention of the temporary file becomes the user's path.</summary>
    private static string Reason(string message, string temporary, string fullPath)
        => message.Replace($" : '{temporary}'", "", StringComparison.Ordinal)
            .Replace(temporary, fullPath, StringComparison.Ordinal)
            .TrimEnd('.', ' ') + ".";

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stray temporary file is hidden and harmless.
        }
    }
}

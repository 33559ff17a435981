using System.Buffers.Binary;
using System.IO.Compression;

namespace NetDsl.Data;

/// <summary>Writes IDX files of unsigned bytes, the inverse of <see cref="IdxReader"/>.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="destination"/> as a raw IDX file.</summary>
    public static void Write(Stream destination, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(array);
        Span<byte> header = stackalloc byte[4 + 4 * array.Dimensions.Count];
        header[2] = 0x08;
        header[3] = (byte)array.Dimensions.Count;
        for (int i = 0; i < array.Dimensions.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header[(4 + 4 * i)..], array.Dimensions[i]);
        }

        destination.Write(header);
        destination.Write(array.Data);
    }

    /// <summary>Writes <paramref name="array"/> to the file at <paramref name="path"/>, replacing it atomically (a
    /// temporary file beside it, then a rename, so a failure leaves a previous file as it was); the file is
    /// gzip-compressed (smallest size) when the path ends in ".gz".</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/> and the
    /// reason.</exception>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(array);
        bool compress = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        Files.ReplaceAtomically(path, file =>
        {
            if (!compress)
            {
                Write(file, array);
                return;
            }

            using var gzip = new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true);
            Write(gzip, array);
        });
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace NetDsl.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST, from a path or a stream, raw or gzip-compressed (told
/// apart by the gzip magic bytes, not by the extension). Only unsigned-byte elements (type 0x08) are supported.
/// </summary>
/// <remarks>
/// Every defect gives an <see cref="InvalidDataException"/> whose message starts with the file's name and says what
/// is wrong: a wrong magic number, type or dimension count, a non-positive or oversized dimension, a corrupt gzip
/// stream, or data shorter or longer than the header declares. The header's sizes are checked against the file's
/// length before anything is allocated when that length is known, and a gzip file is read in growing chunks, so a
/// header that lies costs only what the file really holds.
/// </remarks>
public static partial class IdxReader
{
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    /// <summary>Reads an IDX file of any number of dimensions.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file of unsigned bytes.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static IdxArray Read(string path) => ReadFile(path, IdxLayout.Any);

    /// <summary>Reads an IDX file from <paramref name="stream"/>, from its current position to its end; the stream
    /// stays open. <paramref name="name"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a well-formed IDX file of unsigned
    /// bytes.</exception>
    public static IdxArray Read(Stream stream, string name) => ReadStream(stream, name, IdxLayout.Any);

    /// <summary>Reads an images file (three dimensions: count, rows, columns), each pixel scaled to [0, 1].</summary>
    /// <inheritdoc cref="Read(string)" path="/exception"/>
    public static ImageSet ReadImages(string path) => ImageSet.FromIdx(ReadFile(path, IdxLayout.Images));

    /// <summary>Reads an images file (three dimensions: count, rows, columns) from <paramref name="stream"/>, each
    /// pixel scaled to [0, 1]. <paramref name="name"/> names the file in error messages.</summary>
    /// <inheritdoc cref="Read(Stream, string)" path="/exception"/>
    public static ImageSet ReadImages(Stream stream, string name)
        => ImageSet.FromIdx(ReadStream(stream, name, IdxLayout.Images));

    /// <summary>Reads a labels file (one dimension: count), one byte per label.</summary>
    /// <inheritdoc cref="Read(string)" path="/exception"/>
    public static byte[] ReadLabels(string path) => ReadFile(path, IdxLayout.Labels).Data;

    /// <summary>Reads a labels file (one dimension: count) from <paramref name="stream"/>, one byte per label.
    /// <paramref name="name"/> names the file in error messages.</summary>
    /// <inheritdoc cref="Read(Stream, string)" path="/exception"/>
    public static byte[] ReadLabels(Stream stream, string name) => ReadStream(stream, name, IdxLayout.Labels).Data;

    private static IdxArray ReadFile(string path, IdxLayout layout)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = Files.OpenRead(path, FileOptions.SequentialScan);
        return ReadStream(file, path, layout);
    }

    private static IdxArray ReadStream(Stream stream, string name, IdxLayout layout)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        long start = stream.CanSeek ? stream.Position : 0;

        // Sniff the gzip magic, then put the two bytes back.
        byte[] sniffed = new byte[2];
        sniffed = sniffed[..stream.ReadAtLeast(sniffed, sniffed.Length, throwOnEndOfStream: false)];
        bool compressed = sniffed is [GzipMagic0, GzipMagic1];
        Stream input = stream;
        if (stream.CanSeek)
        {
            stream.Position = start;
        }
        else
        {
            input = new ReplayStream(sniffed, stream);
        }

        if (!compressed)
        {
            long? length = stream.CanSeek ? stream.Length - start : null;
            return Parse(new IdxSource(input, name, compressed: false, length), layout);
        }

        IdxArray array;
        using (var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true))
        {
            array = Parse(new IdxSource(gzip, name, compressed: true, length: null), layout);
        }

        if (stream.CanSeek)
        {
            CheckGzipTrailer(stream, start, name, HeaderLength(array.Dimensions.Count) + array.Data.Length);
        }

        return array;
    }

    /// <summary>
    /// GZipStream ends quietly where a compressed file is cut. A cut that loses data fails the length check, but one
    /// inside the 8-byte trailer loses only the checksum; the trailer's last field, the uncompressed size modulo 2^32,
    /// catches it. A file of several gzip members, whose last trailer counts only the last member, is refused too.
    /// On a stream that cannot seek this check is skipped, and a cut in the trailer goes unnoticed.
    /// </summary>
    private static void CheckGzipTrailer(Stream stream, long start, string name, long decompressedLength)
    {
        const int MinimumGzipLength = 18;
        if (stream.Length - start < MinimumGzipLength)
        {
            throw new InvalidDataException($"{name}: the gzip file is too short to hold its 8-byte trailer");
        }

        Span<byte> recordedLength = stackalloc byte[4];
        stream.Position = stream.Length - recordedLength.Length;
        stream.ReadExactly(recordedLength);
        uint recorded = BinaryPrimitives.ReadUInt32LittleEndian(recordedLength);
        if (recorded != (uint)decompressedLength)
        {
            throw new InvalidDataException(
                $"{name}: the gzip trailer records {recorded} uncompressed bytes but {decompressedLength} were read: "
                + "the file is cut short, has bytes appended, or holds several gzip members");
        }
    }
}

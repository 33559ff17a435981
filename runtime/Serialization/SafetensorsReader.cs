using System.Buffers.Binary;
using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// Reads safetensors files under the reference library's rules, safe against hostile input: every malformed file
/// gives an <see cref="InvalidDataException"/> whose message names the problem, and no claimed length is trusted
/// for an allocation. Exceptions of the stream itself (<see cref="IOException"/>) pass through unchanged.
/// </summary>
/// <remarks>
/// The rules: an 8-byte little-endian header length of at most 100,000,000; that many bytes of UTF-8 JSON, an object
/// mapping unique tensor names to {"dtype", "shape", "data_offsets"} plus an optional "__metadata__" object of
/// strings, possibly padded with whitespace; then the data section, which the tensors' byte ranges tile exactly and
/// after which the file ends. Data sections over 2 GiB (<see cref="Array.MaxLength"/>) are refused: NetDsl networks
/// are far smaller, and the file is read into memory rather than mapped. So are headers of over 100,000 tensors or
/// metadata entries, as soon as they pass it: parsed, a header of millions of tiny entries would take gigabytes.
/// </remarks>
public static class SafetensorsReader
{
    /// <summary>The reference library's limit on the JSON header's length.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The most bytes after the data that a message counts; beyond it, "more than" this many. Counting them
    /// all would never end on an endless stream, and a seekable one is told in the same words.</summary>
    internal const int MaxTrailingCount = 1 << 20;

    /// <summary>Reads a whole file: its header, then its data, then checks that the stream ends there.</summary>
    /// <param name="source">Read from its current position to its end; need not be seekable.</param>
    /// <exception cref="InvalidDataException">The file is malformed; the message says how, in the same words
    /// whether or not the stream can seek.</exception>
    public static SafetensorsFile Read(Stream source) => Read(source, HeaderLimits.AnyFile);

    /// <summary>Reads a whole file, refusing it as soon as its header holds more than the caller can use.</summary>
    internal static SafetensorsFile Read(Stream source, HeaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = ReadHeaderOnly(source, dataLimit: Array.MaxLength, limits);
        byte[] data =
            BoundedRead.Exactly(source, header.DataLength, arrived => DataTooShort(header.DataLength, arrived));
        if (source.ReadByte() >= 0)
        {
            throw TrailingBytes(1 + BoundedRead.CountUpTo(source, MaxTrailingCount));
        }

        return new SafetensorsFile(header, data);
    }

    /// <summary>Reads and checks the header, and checks the file's length against it, without keeping the data: what
    /// a tool needs to show what a file holds.</summary>
    /// <param name="source">Read from its current position; a non-seekable stream is read through its data section
    /// (which must then be at most 2 GiB, as for <see cref="Read(Stream)"/>) and a little past it.</param>
    /// <exception cref="InvalidDataException">The file is malformed; the message says how, in the words of
    /// <see cref="Read(Stream)"/> (which also refuses data sections over 2 GiB on a seekable stream).</exception>
    public static SafetensorsHeader ReadHeader(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = ReadHeaderOnly(source, dataLimit: long.MaxValue, HeaderLimits.AnyFile);
        long actual = BoundedRead.Remaining(source)
            ?? BoundedRead.CountUpTo(source, header.DataLength + MaxTrailingCount + 1);
        CheckDataLength(header.DataLength, actual);
        return header;
    }

    /// <summary>Reads the length prefix and the header. A seekable stream's length only lets the problems of a short
    /// file show before reading; a non-seekable one finds them by reading and names them in the same words.
    /// <paramref name="dataLimit"/> bounds the data section where the stream tells its length; where it cannot, the
    /// data must be read to be checked, and at most 2 GiB is.</summary>
    private static SafetensorsHeader ReadHeaderOnly(Stream source, long dataLimit, HeaderLimits limits)
    {
        Span<byte> prefix = stackalloc byte[8];
        int got = BoundedRead.AtMost(source, prefix);
        if (got < prefix.Length)
        {
            throw Malformed(got == 0
                ? "the file is empty; it should begin with an 8-byte header length"
                : $"the file ends after {got} bytes, inside the 8-byte header length");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
        {
            throw Malformed($"the header length {headerLength} is over the limit of {MaxHeaderLength} bytes");
        }

        // Asked after reading, so that a stream that has already given more than its length claims is not believed.
        if (BoundedRead.Remaining(source) is long known && known < (long)headerLength)
        {
            throw HeaderTooLong(headerLength, known);
        }

        byte[] json = BoundedRead.Exactly(source, (long)headerLength, arrived => HeaderTooLong(headerLength, arrived));
        var (tensors, metadata) = SafetensorsHeaderParser.Parse(json, limits);
        long dataLength = SafetensorsLayout.Validate(tensors);

        // Before the length check, so that both kinds of stream refuse an oversized section in the same words.
        long? remaining = BoundedRead.Remaining(source);
        long limit = remaining is null ? System.Math.Min(dataLimit, Array.MaxLength) : dataLimit;
        if (dataLength > limit)
        {
            throw Malformed($"the data section is {dataLength} bytes; NetDsl reads at most {limit}");
        }

        if (remaining is long left)
        {
            CheckDataLength(dataLength, left);
        }

        return new SafetensorsHeader(tensors, metadata, (long)headerLength, dataLength);
    }

    private static InvalidDataException HeaderTooLong(ulong headerLength, long available)
        => Malformed($"the header length {headerLength} is more than the {Bytes(available)} after it");

    private static InvalidDataException DataTooShort(long needed, long available)
        => Malformed($"the tensors need a data section of {needed} bytes, but the file has {available} after the " +
            "header");

    private static InvalidDataException TrailingBytes(long extra)
    {
        string count = extra > MaxTrailingCount ? $"more than {Bytes(MaxTrailingCount)}" : Bytes(extra);
        return Malformed($"the file has {count} after the end of the last tensor's data");
    }

    private static string Bytes(long count) => count == 1 ? "1 byte" : $"{count} bytes";

    private static void CheckDataLength(long expected, long actual)
    {
        if (actual < expected)
        {
            throw DataTooShort(expected, actual);
        }

        if (actual > expected)
        {
            throw TrailingBytes(actual - expected);
        }
    }
}

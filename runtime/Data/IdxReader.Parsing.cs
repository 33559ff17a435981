using System.Buffers.Binary;

namespace NetDsl.Data;

public static partial class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private const int MagicLength = 4;

    // Without a known file length, data is read into a buffer that starts here and doubles up to the declared size.
    private const int FirstChunkLength = 1 << 20;

    // How far past the declared data to count trailing bytes before reporting "more than".
    private const int TrailingProbeLimit = 1 << 16;

    private static int HeaderLength(int rank) => MagicLength + sizeof(int) * rank;

    private static IdxArray Parse(IdxSource source, IdxLayout layout)
    {
        Span<byte> magic = stackalloc byte[MagicLength];
        ReadHeaderPart(source, magic, $"at least {MagicLength}", alreadyRead: 0);
        CheckMagic(source, magic, layout);

        int rank = magic[3];
        byte[] dimensionBytes = new byte[sizeof(int) * rank];
        ReadHeaderPart(source, dimensionBytes, HeaderLength(rank).ToString(), alreadyRead: MagicLength);
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(dimensionBytes.AsSpan(sizeof(int) * i));
        }

        int length = CheckDimensions(source, dimensions);
        return new IdxArray(dimensions, ReadData(source, length, layout.Unit));
    }

    private static void ReadHeaderPart(IdxSource source, Span<byte> part, string headerLength, int alreadyRead)
    {
        int found = alreadyRead + source.ReadAtMost(part);
        if (found < alreadyRead + part.Length)
        {
            throw source.Error(found == 0
                ? "the file holds no bytes"
                : $"the file ends inside the header: expected {headerLength} bytes, found {found}");
        }
    }

    private static void CheckMagic(IdxSource source, ReadOnlySpan<byte> magic, IdxLayout layout)
    {
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw source.Error($"wrong magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}: "
                + "an IDX file starts with two zero bytes");
        }

        if (magic[2] != UnsignedByteType)
        {
            throw source.Error($"element type 0x{magic[2]:X2} ({TypeName(magic[2])}) is not supported: "
                + $"only 0x{UnsignedByteType:X2} (unsigned byte) is");
        }

        int rank = magic[3];
        if (layout.Rank is int expected && rank != expected)
        {
            throw source.Error(
                $"expected {expected} dimension{(expected == 1 ? "" : "s")} ({layout.Shape}), found {rank}");
        }

        if (rank == 0)
        {
            throw source.Error("the header declares no dimensions");
        }
    }

    private static string TypeName(byte type) => type switch
    {
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };

    /// <summary>Checks each dimension is positive and their product fits one array; returns the product.</summary>
    private static int CheckDimensions(IdxSource source, int[] dimensions)
    {
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] <= 0)
            {
                throw source.Error(
                    $"dimension {i + 1} of {dimensions.Length} is {dimensions[i]}: every dimension must be positive");
            }
        }

        long count = IdxArray.ElementCount(dimensions);
        if (count > Array.MaxLength)
        {
            throw source.Error($"dimensions {IdxArray.Describe(dimensions)} hold more than the {Array.MaxLength} "
                + "elements an array can");
        }

        return (int)count;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes and checks nothing follows them.</summary>
    private static byte[] ReadData(IdxSource source, int length, string unit)
    {
        // A raw file's length is known: judge the header before allocating for it.
        if (source.Remaining is long remaining && remaining != length)
        {
            throw LengthError(source, length, remaining, unit);
        }

        // Otherwise grow toward the declared length as the bytes arrive, so a header that lies costs only what the
        // file really holds.
        byte[] data = new byte[source.Remaining is null ? System.Math.Min(length, FirstChunkLength) : length];
        int filled = 0;
        while (true)
        {
            filled += source.ReadAtMost(data.AsSpan(filled));
            if (filled < data.Length)
            {
                throw LengthError(source, length, filled, unit);
            }

            if (filled == length)
            {
                break;
            }

            Array.Resize(ref data, (int)System.Math.Min(length, 2L * data.Length));
        }

        // Reading to the end also makes a gzip stream verify its checksum.
        int trailing = CountTrailingBytes(source);
        if (trailing > 0)
        {
            throw trailing > TrailingProbeLimit
                ? source.Error($"expected {length} {unit}, found more than {(long)length + TrailingProbeLimit}")
                : LengthError(source, length, (long)length + trailing, unit);
        }

        return data;
    }

    /// <summary>Counts the bytes left, up to one more than <see cref="TrailingProbeLimit"/>.</summary>
    private static int CountTrailingBytes(IdxSource source)
    {
        Span<byte> probe = stackalloc byte[4096];
        int trailing = 0;
        while (trailing <= TrailingProbeLimit)
        {
            int read = source.ReadAtMost(probe);
            trailing += read;
            if (read < probe.Length)
            {
                break;
            }
        }

        return trailing;
    }

    /// <remarks>A gzip file cut short decodes to a short stream without any error of its own: the message says that
    /// this is the likelier cause, rather than leave the user suspecting the header.</remarks>
    private static InvalidDataException LengthError(IdxSource source, int expected, long found, string unit)
        => source.Error(found < expected
            ? $"expected {expected} {unit}, found {found}" + (source.Compressed
                ? " (the decompressed data ends there: the file is cut short, or its header counts more than it holds)"
                : "")
            : $"expected {expected} {unit}, found {found}: {found - expected} bytes follow the data");
}

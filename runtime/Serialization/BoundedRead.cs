namespace NetDsl.Serialization;

/// <summary>
/// Reads from a stream without trusting the lengths a file or the stream claim: buffers grow as bytes actually
/// arrive, so a 20-byte file that announces a gigabyte costs a small allocation, not a gigabyte.
/// </summary>
internal static class BoundedRead
{
    private const int FirstChunk = 1 << 16;

    /// <summary>Reads exactly <paramref name="count"/> bytes (at most <see cref="Array.MaxLength"/>), or throws the
    /// exception <paramref name="truncated"/> makes from the number that arrived.</summary>
    public static byte[] Exactly(Stream source, long count, Func<long, Exception> truncated)
    {
        if (count == 0)
        {
            return [];
        }

        var buffer = new byte[System.Math.Min(count, FirstChunk)];
        int filled = 0;
        while (true)
        {
            int read = source.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw truncated(filled);
            }

            filled += read;
            if (filled == count)
            {
                return buffer;
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)System.Math.Min(count, 2L * buffer.Length));
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> as far as the stream goes; returns the bytes read.</summary>
    public static int AtMost(Stream source, Span<byte> destination)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int read = source.Read(destination[filled..]);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Reads to the end and counts, holding one small buffer.</summary>
    public static long CountToEnd(Stream source)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        int read;
        while ((read = source.Read(scratch)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The bytes left by the stream's own account, or null when it cannot tell. A hint for earlier and
    /// clearer messages only: nothing is allocated on its word.</summary>
    public static long? Remaining(Stream source)
    {
        try
        {
            return source.CanSeek ? System.Math.Max(0, source.Length - source.Position) : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

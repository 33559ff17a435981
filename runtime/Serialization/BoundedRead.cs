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

    /// <summary>Reads on and counts, up to <paramref name="limit"/> bytes, holding one small buffer: reading to the end
    /// would never return on an endless stream.</summary>
    public static long CountUpTo(Stream source, long limit)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        while (total < limit)
        {
            int read = source.Read(scratch[..(int)System.Math.Min(scratch.Length, limit - total)]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>The bytes left by the stream's own account, or null when it cannot tell or has already given more than
    /// it claims (/dev/zero seeks but says its length is 0). A hint for earlier and clearer messages only: nothing is
    /// allocated on its word.</summary>
    public static long? Remaining(Stream source)
    {
        try
        {
            long left = source.CanSeek ? source.Length - source.Position : -1;
            return left >= 0 ? left : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

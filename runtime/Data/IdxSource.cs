namespace NetDsl.Data;

/// <summary>
/// The decoded bytes of one IDX file, with what the reader needs to judge its header: the file's name for messages,
/// and how many bytes are left when that can be known before reading them (a raw file; not a gzip one).
/// </summary>
internal sealed class IdxSource(Stream decoded, string name, bool compressed, long? length)
{
    private long _consumed;

    public string Name => name;

    /// <summary>True when the bytes are decoded from gzip.</summary>
    public bool Compressed => compressed;

    /// <summary>The bytes not yet read, or null when the stream cannot tell.</summary>
    public long? Remaining => length - _consumed;

    /// <summary>Fills as much of <paramref name="buffer"/> as the stream holds; fewer bytes only at its end.</summary>
    public int ReadAtMost(Span<byte> buffer)
    {
        try
        {
            int total = decoded.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _consumed += total;
            return total;
        }
        catch (InvalidDataException e) when (compressed)
        {
            // GZipStream's own messages ("compressed using an unsupported compression method") blame the format for
            // damaged data; the inner exception keeps them.
            throw Error("corrupt gzip stream: the compressed data is damaged", e);
        }
    }

    /// <summary>An error about this file, its message starting with the file's name.</summary>
    public InvalidDataException Error(string problem, Exception? inner = null) => new($"{name}: {problem}", inner);
}

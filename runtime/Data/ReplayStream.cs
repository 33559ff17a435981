namespace NetDsl.Data;

/// <summary>
/// A read-only stream that yields a few bytes already taken from another stream, then the rest of that stream: how
/// the reader puts back the bytes it sniffed for the gzip magic when the stream cannot seek.
/// </summary>
internal sealed class ReplayStream(byte[] replayed, Stream rest) : Stream
{
    private int _replayedUsed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_replayedUsed == replayed.Length)
        {
            return rest.Read(buffer);
        }

        int count = System.Math.Min(buffer.Length, replayed.Length - _replayedUsed);
        replayed.AsSpan(_replayedUsed, count).CopyTo(buffer);
        _replayedUsed += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

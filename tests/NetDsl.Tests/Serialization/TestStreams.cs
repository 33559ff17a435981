namespace NetDsl.Tests.Serialization;

/// <summary>A read-only stream that cannot seek, like a network or pipe stream; it may also hand out bytes in small
/// pieces, as such streams do. Asked for more after reporting its end <paramref name="maxReadsAtEnd"/> times, it
/// throws, so that a reader looping at the end fails instead of hanging.</summary>
public sealed class NonSeekableStream(byte[] bytes, int maxChunk = int.MaxValue, int maxReadsAtEnd = int.MaxValue)
    : Stream
{
    private int position;

    /// <summary>How many reads found nothing left.</summary>
    public int ReadsAtEnd { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = System.Math.Min(System.Math.Min(count, maxChunk), bytes.Length - position);
        if (n == 0 && count > 0 && ++ReadsAtEnd > maxReadsAtEnd)
        {
            throw new InvalidOperationException($"Read {ReadsAtEnd} times past the end.");
        }

        Array.Copy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A write-only stream that cannot seek nor tell its length or position, like a pipe; what is written goes
/// to <paramref name="inner"/>.</summary>
public sealed class NonSeekableWriteStream(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A seekable stream that claims a length other than the bytes it has: far more, or none at all.</summary>
public sealed class LyingLengthStream(byte[] bytes, long claimedLength) : Stream
{
    private readonly MemoryStream inner = new(bytes);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => claimedLength;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Passes writes through until <paramref name="failAfter"/> bytes, then throws, like a full disk.</summary>
public sealed class FailingWriteStream(Stream inner, long failAfter) : Stream
{
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long allowed = System.Math.Min(buffer.Length, failAfter - written);
        inner.Write(buffer[..(int)System.Math.Max(allowed, 0)]);
        written += System.Math.Max(allowed, 0);
        if (allowed < buffer.Length)
        {
            throw new IOException("Injected failure: no space left on device.");
        }
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A non-seekable stream of <paramref name="bytes"/> followed by zeros without end, like /dev/zero behind a
/// pipe. It counts what it hands out, so that a test bounds a reader's work by bytes rather than by time, and throws
/// past <paramref name="maxBytes"/>, so that a reader reading to the end fails instead of hanging.</summary>
public sealed class EndlessStream(byte[] bytes, long maxBytes = 1L << 30) : Stream
{
    /// <summary>The bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

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
        if (BytesRead + buffer.Length > maxBytes)
        {
            throw new InvalidOperationException($"Read past {maxBytes} bytes of an endless stream.");
        }

        buffer.Clear();
        if (BytesRead < bytes.Length)
        {
            var part = bytes.AsSpan((int)BytesRead, (int)System.Math.Min(buffer.Length, bytes.Length - BytesRead));
            part.CopyTo(buffer);
        }

        BytesRead += buffer.Length;
        return buffer.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

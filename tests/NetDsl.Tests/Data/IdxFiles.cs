using System.Buffers.Binary;
using System.IO.Compression;

namespace NetDsl.Tests.Data;

/// <summary>Builds IDX files byte by byte, including malformed ones the writer refuses to make.</summary>
public static class IdxFiles
{
    /// <summary>A header of unsigned bytes (or <paramref name="type"/>) with the given dimensions, then
    /// <paramref name="data"/>.</summary>
    public static byte[] Raw(int[] dimensions, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary><paramref name="count"/> images of rows x columns whose pixels count up from
    /// <paramref name="seed"/>, wrapping at 256.</summary>
    public static byte[] Images(int count, int rows, int columns, int seed = 0)
        => Raw([count, rows, columns], Sequence(count * rows * columns, seed));

    public static byte[] Labels(params byte[] labels) => Raw([labels.Length], labels);

    public static byte[] Sequence(int length, int seed = 0)
        => Enumerable.Range(seed, length).Select(i => (byte)i).ToArray();

    public static byte[] Gzip(byte[] raw)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return compressed.ToArray();
    }
}

/// <summary>A stream that can only be read forward, like a network or pipe stream.</summary>
public sealed class ForwardOnlyStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A fresh directory under the system's temporary directory, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netdsl-" + Guid.NewGuid());

    public string Write(string fileName, byte[] bytes)
    {
        string path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

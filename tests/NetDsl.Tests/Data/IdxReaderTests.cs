using NetDsl.Data;

namespace NetDsl.Tests.Data;

/// <summary>The IDX reader and writer on well-formed files, raw and gzip, from paths and from streams.</summary>
public class IdxReaderTests
{
    public static TheoryData<bool> Compressed => [false, true];

    [Theory]
    [MemberData(nameof(Compressed))]
    public void Images_read_from_a_file_scale_each_pixel_by_one_255th(bool compressed)
    {
        using var directory = new TempDirectory();
        byte[] raw = IdxFiles.Images(count: 3, rows: 4, columns: 5, seed: 200);
        string path = directory.Write("images", compressed ? IdxFiles.Gzip(raw) : raw);

        ImageSet images = IdxReader.ReadImages(path);

        Assert.Equal((3, 4, 5, 20), (images.Count, images.Rows, images.Columns, images.PixelsPerImage));
        Assert.Equal(IdxFiles.Sequence(60, 200).Select(b => b / 255f), images.Pixels);
        Assert.Equal(images.Pixels.AsSpan(40, 20), images.Image(2));
    }

    [Fact]
    public void Pixel_0_is_0_and_pixel_255_is_1()
    {
        byte[] raw = IdxFiles.Raw([1, 1, 3], [0, 255, 128]);

        float[] pixels = IdxReader.ReadImages(new MemoryStream(raw), "extremes").Pixels;

        Assert.Equal(0f, pixels[0]);
        Assert.Equal(1f, pixels[1]);
        Assert.Equal(128 / 255f, pixels[2]);
    }

    [Theory]
    [MemberData(nameof(Compressed))]
    public void Labels_read_from_a_file_are_the_bytes(bool compressed)
    {
        using var directory = new TempDirectory();
        byte[] raw = IdxFiles.Labels(9, 0, 3, 7);
        string path = directory.Write("labels.idx", compressed ? IdxFiles.Gzip(raw) : raw);

        Assert.Equal([9, 0, 3, 7], IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Gzip_is_told_by_its_magic_bytes_not_the_extension()
    {
        using var directory = new TempDirectory();
        byte[] raw = IdxFiles.Labels(1, 2, 3);
        string gzipWithoutExtension = directory.Write("labels", IdxFiles.Gzip(raw));
        string rawNamedGz = directory.Write("labels.gz", raw);

        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(gzipWithoutExtension));
        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(rawNamedGz));
    }

    [Theory]
    [MemberData(nameof(Compressed))]
    public void Streams_that_cannot_seek_read_the_same(bool compressed)
    {
        byte[] raw = IdxFiles.Images(count: 2, rows: 3, columns: 3);
        byte[] file = compressed ? IdxFiles.Gzip(raw) : raw;

        ImageSet images = IdxReader.ReadImages(new ForwardOnlyStream(file), "stream");

        Assert.Equal(IdxReader.ReadImages(new MemoryStream(file), "memory").Pixels, images.Pixels);
        Assert.Equal(2, images.Count);
    }

    [Fact]
    public void A_stream_is_read_from_its_current_position_and_left_open()
    {
        byte[] raw = IdxFiles.Labels(4, 5);
        var stream = new MemoryStream([0xAA, 0xBB, .. IdxFiles.Gzip(raw)]);
        stream.Position = 2;

        Assert.Equal([4, 5], IdxReader.ReadLabels(stream, "offset"));
        Assert.True(stream.CanRead);
    }

    [Theory]
    [MemberData(nameof(Compressed))]
    public void The_writer_round_trips_any_rank(bool compressed)
    {
        using var directory = new TempDirectory();
        var array = new IdxArray([2, 3, 2, 2], IdxFiles.Sequence(24, 7));
        string path = Path.Combine(directory.Path, compressed ? "array.gz" : "array");

        IdxWriter.Write(path, array);
        IdxArray read = IdxReader.Read(path);

        Assert.Equal(compressed, File.ReadAllBytes(path) is [0x1F, 0x8B, ..]);
        Assert.Equal(array.Dimensions, read.Dimensions);
        Assert.Equal(array.Data, read.Data);
    }

    [Fact]
    public void The_writer_emits_the_documented_header()
    {
        var stream = new MemoryStream();
        IdxWriter.Write(stream, new IdxArray([2, 1, 1], [10, 20]));

        Assert.Equal(IdxFiles.Raw([2, 1, 1], [10, 20]), stream.ToArray());
    }

    [Fact]
    public void An_array_refuses_data_that_does_not_fit_its_dimensions()
    {
        Assert.Throws<ArgumentException>(() => new IdxArray([2, 2], new byte[3]));
        Assert.Throws<ArgumentException>(() => new IdxArray([0], []));
        Assert.Throws<ArgumentException>(() => new IdxArray([], []));
    }

    [Theory]
    [InlineData(65536, 65536)]
    [InlineData(50000, 50000)]
    public void An_empty_image_set_refuses_images_too_large_for_an_array(int rows, int columns)
    {
        // No pixels to count, so only this check stands: PixelsPerImage once wrapped to 0 and to -1794967296.
        var error = Assert.Throws<ArgumentException>(() => new ImageSet([], 0, rows, columns));

        Assert.StartsWith($"Images of {rows} x {columns} would hold {(long)rows * columns} pixels each, more than the "
            + $"{Array.MaxLength} an array can.", error.Message, StringComparison.Ordinal);
        Assert.Equal(46340 * 46340, new ImageSet([], 0, 46340, 46340).PixelsPerImage);
    }
}

using NetDsl.Data;

namespace NetDsl.Tests.Data;

/// <summary>Every defect of an IDX file gives an InvalidDataException naming the file and what is wrong.</summary>
public class IdxReaderDefectTests
{
    private const string Name = "train-images-idx3-ubyte.gz";

    // 2 images of 4 x 4: a 16-byte header and 32 bytes of pixels.
    private static readonly byte[] GoodImages = IdxFiles.Images(count: 2, rows: 4, columns: 4);

    /// <summary>Each file as it is, through a seekable stream, a forward-only one, and gzip-compressed through
    /// both, so every check holds whichever way the bytes arrive.</summary>
    private static IEnumerable<(string How, Stream Stream)> Deliveries(byte[] file)
    {
        yield return ("raw", new MemoryStream(file));
        yield return ("raw forward-only", new ForwardOnlyStream(file));
        yield return ("gzip", new MemoryStream(IdxFiles.Gzip(file)));
        yield return ("gzip forward-only", new ForwardOnlyStream(IdxFiles.Gzip(file)));
    }

    private static void AssertImagesFail(byte[] file, params string[] fragments)
    {
        foreach ((string how, Stream stream) in Deliveries(file))
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(stream, Name));
            Assert.True(error.Message.StartsWith(Name + ": "), $"{how}: {error.Message}");
            Assert.All(fragments, fragment => Assert.True(error.Message.Contains(fragment), $"{how}: {error.Message}"));
        }
    }

    [Fact]
    public void An_empty_file_fails() => AssertImagesFail([], "holds no bytes");

    [Theory]
    [InlineData(3, "expected at least 4 bytes, found 3")]
    [InlineData(9, "expected 16 bytes, found 9")]
    [InlineData(15, "expected 16 bytes, found 15")]
    public void A_file_cut_inside_the_header_fails(int length, string message)
        => AssertImagesFail(GoodImages[..length], "ends inside the header", message);

    [Theory]
    [InlineData(16, "expected 32 bytes of pixels, found 0")]
    [InlineData(40, "expected 32 bytes of pixels, found 24")]
    [InlineData(47, "expected 32 bytes of pixels, found 31")]
    public void A_file_cut_inside_the_data_fails(int length, string message)
        => AssertImagesFail(GoodImages[..length], message);

    [Fact]
    public void Trailing_bytes_fail()
        => AssertImagesFail([.. GoodImages, 1, 2, 3], "expected 32 bytes of pixels, found 35: 3 bytes follow the data");

    [Fact]
    public void Megabytes_of_trailing_bytes_fail_counted_only_when_the_length_is_known()
    {
        byte[] file = [.. GoodImages, .. new byte[5_000_000]];
        AssertImagesFail(file, "expected 32 bytes of pixels, found ");

        var exact = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(file), Name));
        var bounded =
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new ForwardOnlyStream(file), Name));

        Assert.EndsWith("found 5000032: 5000000 bytes follow the data", exact.Message);
        Assert.EndsWith("found more than 65568", bounded.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "wrong magic number 0x504B0304")]
    [InlineData(new byte[] { 0x00, 0x01, 0x08, 0x03 }, "wrong magic number 0x00010803")]
    public void A_wrong_magic_number_fails(byte[] magic, string message)
        => AssertImagesFail([.. magic, .. GoodImages[4..]], message, "two zero bytes");

    [Theory]
    [InlineData(0x0D, "element type 0x0D (32-bit float) is not supported")]
    [InlineData(0x09, "element type 0x09 (signed byte) is not supported")]
    [InlineData(0x42, "element type 0x42 (not an IDX type) is not supported")]
    public void An_unsupported_element_type_fails(byte type, string message)
        => AssertImagesFail(IdxFiles.Raw([2, 4, 4], new byte[32], type), message);

    [Fact]
    public void A_labels_file_read_as_images_fails_on_its_dimension_count()
        => AssertImagesFail(IdxFiles.Labels(1, 2, 3), "expected 3 dimensions", "found 1", "labels file?");

    [Fact]
    public void An_images_file_read_as_labels_fails_on_its_dimension_count()
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(GoodImages), "x"));
        Assert.Equal("x: expected 1 dimension (count; is this an images file?), found 3", error.Message);
    }

    [Fact]
    public void A_header_without_dimensions_fails()
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream([0, 0, 8, 0]), "x"));
        Assert.Equal("x: the header declares no dimensions", error.Message);
    }

    [Theory]
    [InlineData(0, "dimension 2 of 3 is 0")]
    [InlineData(-28, "dimension 2 of 3 is -28")]
    public void A_dimension_that_is_not_positive_fails(int rows, string message)
        => AssertImagesFail(IdxFiles.Raw([2, rows, 4], new byte[32]), message, "must be positive");

    [Theory]
    [InlineData(2_000_000_000)]
    [InlineData(int.MaxValue)]
    public void Billions_of_images_fail_as_too_large_for_an_array(int count)
        => AssertImagesFail(IdxFiles.Raw([count, 28, 28], new byte[32]), $"dimensions {count} x 28 x 28", "more than");

    [Fact]
    public void A_header_declaring_a_gigabyte_in_a_tiny_file_fails_fast_without_allocating_it()
    {
        // 2,000,000 images of 28 x 28 is 1.57 GB: within an array's limit, so only the length check stops it.
        byte[] file = IdxFiles.Raw([2_000_000, 28, 28], new byte[1000]);
        foreach ((string how, Stream stream) in Deliveries(file))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(stream, Name));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Contains("expected 1568000000 bytes of pixels, found 1000", error.Message);
            // A raw seekable file allocates nothing for the data; the others one first chunk of 1 MiB.
            Assert.True(allocated < 4 << 20, $"{how}: allocated {allocated} bytes");
        }
    }

    [Fact]
    public void A_gzip_file_cut_in_its_compressed_data_fails_on_the_length()
    {
        byte[] large = IdxFiles.Images(count: 100, rows: 28, columns: 28);
        byte[] gzip = IdxFiles.Gzip(large);

        var error = Assert.Throws<InvalidDataException>(
            () => IdxReader.ReadImages(new MemoryStream(gzip[..(gzip.Length / 2)]), Name));

        Assert.Matches(@"^train-images-idx3-ubyte\.gz: expected 78400 bytes of pixels, found \d+ \(the decompressed data "
            + @"ends there: the file is cut short, or its header counts more than it holds\)$", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_gzip_file_cut_in_its_trailer_fails_when_the_stream_can_seek(int cut)
    {
        byte[] gzip = IdxFiles.Gzip(GoodImages);

        var error = Assert.Throws<InvalidDataException>(
            () => IdxReader.ReadImages(new MemoryStream(gzip[..^cut]), Name));

        Assert.StartsWith(Name + ": the gzip trailer records", error.Message);
    }

    [Fact]
    public void Bytes_appended_after_a_gzip_stream_fail()
    {
        byte[] gzip = [.. IdxFiles.Gzip(GoodImages), 1, 2, 3, 4, 5];

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(gzip), Name));

        Assert.StartsWith(Name + ": the gzip trailer records", error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(-6)]
    public void A_corrupt_gzip_stream_fails_naming_the_file(int corruptedIndex)
    {
        byte[] large = IdxFiles.Images(count: 10, rows: 28, columns: 28);
        byte[] gzip = IdxFiles.Gzip(large);
        gzip[corruptedIndex < 0 ? gzip.Length + corruptedIndex : corruptedIndex] ^= 0xFF;

        foreach (Stream stream in new Stream[] { new MemoryStream(gzip), new ForwardOnlyStream(gzip) })
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(stream, Name));
            Assert.StartsWith(Name + ": ", error.Message);
        }
    }

    [Fact]
    public void Damaged_compressed_data_is_called_damaged_not_an_unsupported_method()
    {
        // A flipped bit in the first deflate block's header makes GZipStream report "an unsupported compression
        // method", which sends the user looking for another gzip tool rather than another copy of the file.
        byte[] gzip = IdxFiles.Gzip(IdxFiles.Images(count: 10, rows: 28, columns: 28));
        gzip[10] ^= 0xFF;

        foreach (Stream stream in new Stream[] { new MemoryStream(gzip), new ForwardOnlyStream(gzip) })
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(stream, Name));
            Assert.Equal(Name + ": corrupt gzip stream: the compressed data is damaged", error.Message);
            Assert.IsType<InvalidDataException>(error.InnerException);
        }
    }

    [Fact]
    public void A_missing_file_fails_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "netdsl-missing-" + Guid.NewGuid(), "labels");

        var error = Assert.ThrowsAny<IOException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Errors_from_a_path_name_the_path()
    {
        using var directory = new TempDirectory();
        string path = directory.Write(Name, IdxFiles.Gzip(GoodImages[..40]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: expected 32 bytes of pixels, found 24 (the decompressed data ends there: the file is cut "
            + "short, or its header counts more than it holds)", error.Message);
    }
}

using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;
using NetDsl.Tests.Support;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Streams that never end or misstate their length: the reader reads a bounded number of bytes and says what it
/// found, never more than the stream gave.
/// </summary>
public class StreamLengthTests
{
    private const int Counted = SafetensorsReader.MaxTrailingCount;

    private static readonly float[] Parameters = TestFiles.Parameters(SmallPReLU.ParameterCount);

    private static readonly byte[] Valid = TestFiles.Saved(SmallPReLU.Description, Parameters);

    private static void AssertMalformed(string problem, Action read)
    {
        var error = Assert.Throws<InvalidDataException>(read);
        Assert.Equal("Not a valid safetensors file: " + problem, error.Message);
    }

    [Fact]
    public void A_valid_file_followed_by_endless_zeros_is_refused_after_reading_a_little_past_its_end()
    {
        // Trailing bytes were counted by reading to the end, which an endless stream never reaches.
        const string Problem = "the file has more than 1048576 bytes after the end of the last tensor's data.";
        var network = new SmallPReLU();
        int[] before = TestFiles.ParameterBits(network);
        var streams = new List<EndlessStream>();
        EndlessStream Endless()
        {
            streams.Add(new EndlessStream(Valid));
            return streams[^1];
        }

        AssertMalformed(Problem, () => SafetensorsReader.Read(Endless()));
        AssertMalformed(Problem, () => SafetensorsReader.ReadHeader(Endless()));
        AssertMalformed(Problem, () => network.LoadWeights(Endless()));
        AssertMalformed(Problem, () => network.LoadWeights(Endless(), WeightsLoadOptions.PyTorch));

        Assert.Equal(before, TestFiles.ParameterBits(network));
        // The file, the byte that shows it goes on, and the counted ones: not the gigabyte after which the stream throws.
        Assert.All(streams, stream => Assert.Equal(Valid.Length + 1 + Counted, stream.BytesRead));
    }

    [Theory]
    [InlineData(1, "1 byte")]
    [InlineData(Counted, "1048576 bytes")]
    [InlineData(Counted + 1, "more than 1048576 bytes")]
    [InlineData(3 * Counted, "more than 1048576 bytes")]
    public void Trailing_bytes_are_counted_up_to_the_limit_in_the_same_words_whether_or_not_the_stream_seeks(
        int extra, string count)
    {
        byte[] file = [.. Valid, .. new byte[extra]];
        string problem = $"the file has {count} after the end of the last tensor's data.";

        AssertMalformed(problem, () => SafetensorsReader.Read(new MemoryStream(file)));
        AssertMalformed(problem, () => SafetensorsReader.Read(new NonSeekableStream(file, maxChunk: 1000)));
        AssertMalformed(problem, () => SafetensorsReader.ReadHeader(new MemoryStream(file)));
        AssertMalformed(problem, () => SafetensorsReader.ReadHeader(new NonSeekableStream(file, maxChunk: 1000)));
    }

    [Fact]
    public void Inspecting_a_stream_that_cannot_seek_reads_at_most_2_GiB_of_data()
    {
        // Checking a data section means reading it; a header claiming a terabyte made that endless in practice.
        byte[] header = TestFiles.File(
            "{\"a\":{\"dtype\":\"U8\",\"shape\":[1000000000000],\"data_offsets\":[0,1000000000000]}}", []);
        var stream = new EndlessStream(header);

        AssertMalformed("the data section is 1000000000000 bytes; NetDsl reads at most 2147483591.",
            () => SafetensorsReader.ReadHeader(stream));
        Assert.Equal(header.Length, stream.BytesRead);
    }

    [Fact]
    public void A_stream_claiming_length_0_but_giving_a_valid_file_loads()
    {
        // /dev/zero and /proc files seek but report a length of 0; the bytes that arrive are what counts.
        var network = new SmallPReLU();

        network.LoadWeights(new LyingLengthStream(Valid, claimedLength: 0));

        Assert.Equal(TestFiles.Bits(Parameters), TestFiles.ParameterBits(network));
        var header = SafetensorsReader.ReadHeader(new LyingLengthStream(Valid, claimedLength: 0));
        Assert.Equal(4L * SmallPReLU.ParameterCount, header.DataLength);
    }

    [Fact]
    public void A_stream_claiming_length_0_but_giving_zeros_is_refused_for_what_they_are()
    {
        // Once "the header length 0 is more than the 0 bytes after it": the claimed length, not the 8 bytes read.
        const string Problem = "the header is empty; it should be a JSON object.";

        AssertMalformed(Problem, () => SafetensorsReader.Read(new LyingLengthStream(new byte[64], claimedLength: 0)));
        AssertMalformed(Problem, () => SafetensorsReader.ReadHeader(new LyingLengthStream(new byte[64], 0)));
    }

    [LinuxFact]
    public void Dev_zero_is_refused_as_a_file_whose_header_is_empty()
    {
        const string Message =
            "/dev/zero: Not a valid safetensors file: the header is empty; it should be a JSON object.";
        var network = new SmallPReLU();

        Assert.Equal(Message, Assert.Throws<InvalidDataException>(() => network.LoadWeights("/dev/zero")).Message);
        Assert.Equal(Message, Assert.Throws<InvalidDataException>(() => WeightsFile.Inspect("/dev/zero")).Message);
    }
}

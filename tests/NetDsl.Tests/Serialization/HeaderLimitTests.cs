using System.Text;
using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Headers of millions of tiny entries, or of one huge metadata value, all under the 100 MB header limit: refused as
/// soon as they pass what the reader holds, never at the cost of holding them. Parsed entries take many times the
/// bytes they are written in: 6,000,000 metadata entries (83 MB) once took 1.1 GB to refuse, and 300,000 empty
/// tensors (17 MB) took 237 MB to inspect.
/// </summary>
public class HeaderLimitTests
{
    /// <summary>The header's bytes are read into a buffer that doubles as they arrive (the file's claims are not
    /// trusted), which allocates under three times its length.</summary>
    private const int BufferFactor = 3;

    /// <summary>Beside the buffer, what reading any file may hold before refusing it: 100,000 small entries at
    /// 400 bytes each (about 250 measured for an empty tensor, 120 for a metadata entry).</summary>
    private const long EntriesAllowance = 100_000 * 400;

    private static string Tensor(int i) => $"\"t{i}\":{{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}}";

    private static byte[] Header(string metadata, int tensors, int metadataEntries)
    {
        var header = new StringBuilder("{\"__metadata__\":{").Append(metadata);
        for (int i = 0; i < metadataEntries; i++)
        {
            header.Append(i == 0 && metadata.Length == 0 ? "" : ",").Append($"\"k{i}\":\"\"");
        }

        header.Append('}');
        for (int i = 0; i < tensors; i++)
        {
            header.Append(',').Append(Tensor(i));
        }

        return TestFiles.File(header.Append('}').ToString(), []);
    }

    private static (InvalidDataException Error, long Allocated) Refused(Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(read);
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Loading_refuses_a_million_metadata_entries_before_they_are_held()
    {
        byte[] file = Header("", tensors: 0, metadataEntries: 1_000_000);
        var network = new SmallPReLU();
        int[] before = TestFiles.ParameterBits(network);

        foreach (var options in new[] { WeightsLoadOptions.Default, WeightsLoadOptions.PyTorch })
        {
            var (error, allocated) = Refused(() => network.LoadWeights(new MemoryStream(file), options));

            // SmallPReLU's file has 6 keys: version, network, input size, layers and two activations.
            Assert.Equal("The weights file does not fit the model: the file's __metadata__ has more than 1030 entries, "
                + "and NetDsl writes 6 for the model.", error.Message);
            Assert.True(allocated < BufferFactor * file.Length, $"{allocated} bytes allocated for {file.Length}");
            Assert.Equal(before, TestFiles.ParameterBits(network));
        }
    }

    [Fact]
    public void Loading_refuses_megabytes_of_metadata_text_before_making_strings_of_it()
    {
        // One value of 3,000,000 characters: as a string, twice that in memory.
        byte[] file = Header($"\"notes\":\"{new string('x', 3_000_000)}\"", tensors: 0, metadataEntries: 0);
        var network = new SmallPReLU();
        int[] before = TestFiles.ParameterBits(network);
        long written = WeightsMetadata.For(SmallPReLU.Description).Sum(m => m.Key.Length + m.Value.Length);

        var (error, allocated) = Refused(() => network.LoadWeights(new MemoryStream(file)));

        Assert.Equal("The weights file does not fit the model: the file's __metadata__ holds more than "
            + $"{written + (1 << 20)} bytes of keys and values, and NetDsl writes {written} for the model.",
            error.Message);
        Assert.True(allocated < BufferFactor * file.Length, $"{allocated} bytes allocated for {file.Length}");
        Assert.Equal(before, TestFiles.ParameterBits(network));
    }

    [Theory]
    [InlineData(1029, null)]
    [InlineData(1030, "the file's __metadata__ has more than 1029 entries, and NetDsl writes 5")]
    public void Loading_keeps_1024_metadata_entries_more_than_NetDsl_writes(int entries, string? problem)
    {
        // Other tools' metadata is kept up to the slack: a PyTorch file's keys count against the same limit.
        var metadata = Enumerable.Range(0, entries).ToDictionary(i => $"tool.key{i}", i => "value");
        byte[] file = new ReferenceLikeFile()
            .AddSingles("0.weight", [1, 1], [2])
            .AddSingles("0.bias", [1], [3])
            .Build(metadata);
        var description = TestFiles.Chain(1, (1, Act.Linear));
        float[] Load() => WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch);

        if (problem is null)
        {
            Assert.Equal([2f, 3f], Load());
        }
        else
        {
            Assert.Contains(problem, Assert.Throws<InvalidDataException>(() => Load()).Message);
        }
    }

    [Fact]
    public void Reading_or_inspecting_any_file_refuses_more_than_100000_tensors_before_they_are_held()
    {
        byte[] file = Header("", tensors: 300_000, metadataEntries: 0);
        string path = Path.Combine(Path.GetTempPath(), $"netdsl-tensors-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, file);
        try
        {
            const string Problem = "Not a valid safetensors file: the header lists more than 100000 tensors, NetDsl's "
                + "limit for a file.";
            foreach (var read in new Action[]
            {
                () => SafetensorsReader.Read(new MemoryStream(file)),
                () => SafetensorsReader.ReadHeader(new MemoryStream(file)),
                () => SafetensorsReader.ReadHeader(new NonSeekableStream(file)),
                () => WeightsFile.Inspect(path),
            })
            {
                var (error, allocated) = Refused(read);

                Assert.EndsWith(Problem, error.Message);
                Assert.True(allocated < BufferFactor * file.Length + EntriesAllowance,
                    $"{allocated} bytes allocated for {file.Length}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_or_inspecting_any_file_refuses_more_than_100000_metadata_entries_before_they_are_held()
    {
        byte[] file = Header("", tensors: 0, metadataEntries: 1_000_000);
        const string Problem = "Not a valid safetensors file: __metadata__ has more than 100000 entries, NetDsl's "
            + "limit for a file.";

        foreach (var read in new Action[]
        {
            () => SafetensorsReader.Read(new MemoryStream(file)),
            () => SafetensorsReader.ReadHeader(new NonSeekableStream(file)),
        })
        {
            var (error, allocated) = Refused(read);

            Assert.Equal(Problem, error.Message);
            Assert.True(allocated < BufferFactor * file.Length + EntriesAllowance,
                $"{allocated} bytes allocated for {file.Length}");
        }
    }

    [Fact]
    public void A_file_at_the_limits_of_any_file_is_read()
    {
        var header = SafetensorsReader.ReadHeader(new MemoryStream(Header("", 100_000, metadataEntries: 100_000)));

        Assert.Equal(100_000, header.Tensors.Count);
        Assert.Equal(100_000, header.Metadata.Count);
    }
}

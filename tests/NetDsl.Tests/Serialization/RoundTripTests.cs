using System.Buffers.Binary;
using System.Text;
using NetDsl.Serialization;

namespace NetDsl.Tests.Serialization;

/// <summary>Save then load gives the same floats bit for bit, and the file is laid out as documented.</summary>
public class RoundTripTests
{
    /// <summary>Values a careless float path would change: NaN payloads (quiet, signaling, negative), −0,
    /// subnormals, infinities and the extremes.</summary>
    private static readonly int[] AwkwardBits =
    [
        0x7FC00001, 0x7F800001, unchecked((int)0xFFC12345), unchecked((int)0x80000000), 0x00000001, 0x007FFFFF,
        unchecked((int)0x80000001), 0x7F800000, unchecked((int)0xFF800000), 0x7F7FFFFF, 0x00800000,
    ];

    private static float[] AwkwardParameters(NetworkDescription description)
    {
        float[] parameters = TestFiles.Parameters(description.ParameterCount);
        for (int i = 0; i < AwkwardBits.Length; i++)
        {
            parameters[i * 7 % parameters.Length] = BitConverter.Int32BitsToSingle(AwkwardBits[i]);
        }

        return parameters;
    }

    [Fact]
    public void A_stream_round_trip_is_bit_exact()
    {
        var description = TestFiles.Small;
        float[] parameters = AwkwardParameters(description);
        byte[] file = TestFiles.Saved(description, parameters);

        float[] loaded = WeightsFile.Load(new MemoryStream(file), description);

        Assert.Equal(TestFiles.Bits(parameters), TestFiles.Bits(loaded));
    }

    [Fact]
    public void A_non_seekable_stream_delivering_a_few_bytes_at_a_time_loads_the_same()
    {
        var description = TestFiles.Small;
        float[] parameters = AwkwardParameters(description);
        byte[] file = TestFiles.Saved(description, parameters);

        float[] loaded = WeightsFile.Load(new NonSeekableStream(file, maxChunk: 3), description);

        Assert.Equal(TestFiles.Bits(parameters), TestFiles.Bits(loaded));
    }

    [Fact]
    public void A_path_round_trip_is_bit_exact_for_a_784_128_10_network()
    {
        var description = TestFiles.Mnist;
        float[] parameters = AwkwardParameters(description);
        string folder = Directory.CreateTempSubdirectory("netdsl-weights-").FullName;
        try
        {
            string path = Path.Combine(folder, "mnist.safetensors");
            WeightsFile.Save(path, description, parameters);

            Assert.Equal(TestFiles.Bits(parameters), TestFiles.Bits(WeightsFile.Load(path, description)));
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_data_section_is_the_canonical_vector_and_the_header_lists_tensors_in_that_order()
    {
        var description = TestFiles.Small;
        float[] parameters = TestFiles.Parameters(description.ParameterCount);
        byte[] file = TestFiles.Saved(description, parameters);

        var header = SafetensorsReader.ReadHeader(new MemoryStream(file));

        Assert.Equal(
            ["layers.0.weight", "layers.0.bias", "layers.0.slope", "layers.1.weight", "layers.1.bias"],
            header.Tensors.Select(t => t.Name));
        Assert.Equal([4L, 3L], header.Tensors[0].Shape);
        Assert.All(header.Tensors, t => Assert.Equal(TensorDType.F32, t.DType));
        Assert.Equal(0, header.HeaderLength % 8);
        Assert.Equal(TestFiles.Singles(parameters), file[(8 + (int)header.HeaderLength)..]);
    }

    [Fact]
    public void The_metadata_records_the_version_the_network_and_its_layers()
    {
        byte[] file = TestFiles.Saved(TestFiles.Mnist, new float[TestFiles.Mnist.ParameterCount]);

        var metadata = SafetensorsReader.ReadHeader(new MemoryStream(file)).Metadata;

        Assert.Equal("1", metadata["netdsl.version"]);
        Assert.Equal("Tests.Mnist", metadata["netdsl.network"]);
        Assert.Equal("784", metadata["netdsl.input_size"]);
        Assert.Equal("784>128:ReLU>10:Softmax", metadata["netdsl.layers"]);
        Assert.Equal("ReLU", metadata["netdsl.layers.0.activation"]);
        Assert.Equal("Softmax", metadata["netdsl.layers.1.activation"]);
    }

    [Fact]
    public void The_header_is_compact_json_with_metadata_first_padded_with_spaces()
    {
        var description = TestFiles.Chain(2, (1, Act.Sigmoid));
        byte[] file = TestFiles.Saved(description, [1f, 2f, 3f]);

        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, length);

        const string Expected = "{\"__metadata__\":{\"netdsl.input_size\":\"2\",\"netdsl.layers\":\"2>1:Sigmoid\"," +
            "\"netdsl.layers.0.activation\":\"Sigmoid\",\"netdsl.network\":\"Tests.Chain\",\"netdsl.version\":\"1\"}," +
            "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}," +
            "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Assert.Equal(Expected, header.TrimEnd(' '));
        Assert.Equal((Expected.Length + 7) / 8 * 8, length);
    }

    [Fact]
    public void Saving_twice_gives_identical_bytes()
    {
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount);

        Assert.Equal(TestFiles.Saved(TestFiles.Small, parameters), TestFiles.Saved(TestFiles.Small, parameters));
    }

    [Fact]
    public void The_writer_matches_the_reference_bytes_for_one_tensor()
    {
        // The reference library's own serialization example: "attn.0", F32 [1, 2, 3], values 0 to 5; its header is
        // 64 bytes, already a multiple of 8, so unpadded.
        var stream = new MemoryStream();
        SafetensorsWriter.WriteSingles(stream, [new TensorLayout("attn.0", [1, 2, 3])], [0f, 1f, 2f, 3f, 4f, 5f]);

        byte[] expected = TestFiles.File(
            "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
            TestFiles.Singles(0f, 1f, 2f, 3f, 4f, 5f));
        Assert.Equal(64, expected[0]);
        Assert.Equal(expected, stream.ToArray());
    }

    /// <summary>Every control character, the two JSON must escape, and what serde_json leaves as it is: DEL, Latin,
    /// CJK, U+2028 and a character outside the BMP.</summary>
    private static readonly string Awkward =
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\/\u007F é 网络 \u2028 \U0001F600 '<>&+`";

    [Fact]
    public void The_writer_escapes_names_as_serde_json_does()
    {
        var stream = new MemoryStream();
        string name = "a\"b\\c\n\u0001\u001F\b\f\r\t\u007Fé\u2028\U0001F600";
        SafetensorsWriter.WriteSingles(stream, [new TensorLayout(name, [])], [7f]);

        var header = SafetensorsReader.Read(new MemoryStream(stream.ToArray())).Header;
        string json = Encoding.UTF8.GetString(stream.ToArray(), 8, (int)header.HeaderLength);

        // Short forms where JSON has one, else lowercase \u00xx; everything else as UTF-8, DEL and U+2028 included.
        Assert.StartsWith("{\"a\\\"b\\\\c\\n\\u0001\\u001f\\b\\f\\r\\t\u007Fé\u2028\U0001F600\":{", json);
        Assert.Equal(name, header.Tensors[0].Name);
    }

    [Fact]
    public void Names_and_metadata_with_quotes_backslashes_control_characters_and_non_ASCII_round_trip()
    {
        string[] names = [Awkward, "x" + Awkward, "\u0000", "\"", "\\", "é", "\U0001F600"];
        var metadata = new Dictionary<string, string>
        {
            [Awkward] = Awkward,
            ["plain"] = "\"quoted\" \\path\\ \n\ttab",
            ["über"] = "",
            [""] = "\U0001F600",
        };
        float[] values = TestFiles.Parameters(names.Length);
        var stream = new MemoryStream();

        SafetensorsWriter.WriteSingles(stream, names.Select(n => new TensorLayout(n, [])).ToList(), values, metadata);
        var read = SafetensorsReader.Read(new MemoryStream(stream.ToArray()));

        Assert.Equal(names, read.Header.Tensors.Select(t => t.Name));
        Assert.Equal(
            metadata.OrderBy(m => m.Key, StringComparer.Ordinal),
            read.Header.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal));
        float[] readValues = names.SelectMany(n => read.ToSingles(read.Header.Find(n)!)).ToArray();
        Assert.Equal(TestFiles.Bits(values), TestFiles.Bits(readValues));
        Assert.Equal(0, read.Header.HeaderLength % 8);
    }

    [Fact]
    public void A_network_name_with_quotes_and_non_ASCII_characters_round_trips_through_the_metadata()
    {
        var description = TestFiles.Chain(1, (1, Act.Linear)) with { Name = "Tests.Réseau\"名前\"" };
        byte[] file = TestFiles.Saved(description, [1f, 2f]);

        var metadata = SafetensorsReader.ReadHeader(new MemoryStream(file)).Metadata;

        Assert.Equal("Tests.Réseau\"名前\"", metadata["netdsl.network"]);
        Assert.Equal([1f, 2f], WeightsFile.Load(new MemoryStream(file), description));
    }

    [Fact]
    public void The_writer_refuses_bad_input_before_writing_anything()
    {
        var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(
            () => SafetensorsWriter.WriteSingles(stream, [new TensorLayout("a", [2])], [1f]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.WriteSingles(
            stream, [new TensorLayout("a", [1]), new TensorLayout("a", [1])], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.WriteSingles(
            stream, [new TensorLayout("__metadata__", [1])], [1f]));
        Assert.Throws<ArgumentException>(
            () => SafetensorsWriter.WriteSingles(stream, [new TensorLayout("\ud800", [1])], [1f]));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Metadata_that_would_not_survive_the_round_trip_is_refused_before_writing()
    {
        // Utf8JsonWriter would drop a lone surrogate silently, and write a null as JSON null, which readers refuse.
        // (A fact, not a theory: xUnit's serialization of theory data replaces lone surrogates.)
        (string Key, string? Value)[] cases = [("\ud800", "v"), ("k", "a\udc00b"), ("k", null)];
        foreach (var (key, value) in cases)
        {
            var stream = new MemoryStream();

            Assert.Throws<ArgumentException>(() => SafetensorsWriter.WriteSingles(
                stream, [new TensorLayout("a", [1])], [1f], new Dictionary<string, string> { [key] = value! }));
            Assert.Equal(0, stream.Length);
        }
    }

    [Theory]
    [InlineData(new[] { int.MaxValue, int.MaxValue, int.MaxValue })]
    [InlineData(new[] { 65536, 65536, 65536, 65536 })]
    [InlineData(new[] { 2 })]
    public void Shapes_holding_more_values_than_given_are_refused_whatever_their_product(int[] shape)
    {
        // A product past 64 bits must be an ArgumentException, not an OverflowException or wrapped offsets.
        var stream = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => SafetensorsWriter.WriteSingles(
            stream, [new TensorLayout("a", shape), new TensorLayout("b", [0])], [1f]));
        Assert.Contains("The tensors hold more than the 1 values given", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Inspect_lists_tensors_without_reading_data()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netdsl-inspect-{Guid.NewGuid():N}.safetensors");
        try
        {
            WeightsFile.Save(path, TestFiles.Mnist, new float[TestFiles.Mnist.ParameterCount]);

            var header = WeightsFile.Inspect(path);

            Assert.Equal(4, header.Tensors.Count);
            Assert.Equal("[128, 784]", header.Tensors[0].ShapeText);
            Assert.Equal(4L * TestFiles.Mnist.ParameterCount, header.DataLength);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

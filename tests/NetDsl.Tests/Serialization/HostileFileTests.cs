using System.Text;
using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Every kind of malformed file gives an <see cref="InvalidDataException"/> whose message names the problem, read
/// from a seekable stream and from a non-seekable one alike, never another exception, a large allocation or a
/// partial result.
/// </summary>
public class HostileFileTests
{
    private static string Tensor(string name, string dtype, string shape, long begin, long end)
        => $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    /// <summary>A file with one or more tensor entries and <paramref name="dataLength"/> zero bytes of data.</summary>
    private static byte[] WithTensors(int dataLength, params string[] entries)
        => TestFiles.File("{" + string.Join(',', entries) + "}", new byte[dataLength]);

    private static byte[] WithHeader(string header, int dataLength = 0) => TestFiles.File(header, new byte[dataLength]);

    /// <summary>Each hostile file by label, with the problem its message names; a fourth text, when given, is what
    /// <see cref="SafetensorsReader.ReadHeader"/> names instead on a seekable stream (it reads no data there, so it has
    /// no 2 GiB limit).</summary>
    private sealed class CaseTable : Dictionary<string, (byte[] File, string Problem, string? Inspected)>
    {
        public void Add(string label, byte[] file, string problem, string? inspected = null)
            => Add(label, (file, problem, inspected));
    }

    private static readonly CaseTable Cases = new()
    {
        // The length prefix.
        { "empty", [], "the file is empty" },
        { "7 bytes", new byte[7], "the file ends after 7 bytes, inside the 8-byte header length" },
        {
            "length past the end",
            TestFiles.WithDeclaredLength(100, "{}"u8),
            "the header length 100 is more than the 2 bytes after it"
        },
        { "length absurd", TestFiles.WithDeclaredLength(ulong.MaxValue, "{}"u8), "over the limit of 100000000 bytes" },
        { "length just over the limit", TestFiles.WithDeclaredLength(100_000_001, "{}"u8), "over the limit" },
        { "length zero", TestFiles.WithDeclaredLength(0, []), "the header is empty" },

        // The JSON itself.
        {
            "not UTF-8",
            TestFiles.File("{\"\xFF\":1}", []).Select(b => b == 0xC3 ? (byte)0xFF : b).ToArray(),
            "not valid UTF-8"
        },
        { "not JSON", WithHeader("hello"), "not valid JSON" },
        { "BOM", WithHeader("\uFEFF{}"), "not valid JSON" },
        { "an array", WithHeader("[1, 2]"), "the header is a JSON array, not an object" },
        { "a string", WithHeader("\"x\""), "the header is a JSON string, not an object" },
        { "unterminated", WithHeader("{\"a\":"), "not valid JSON" },
        { "trailing junk", WithHeader("{} x"), "not valid JSON" },
        { "two objects", WithHeader("{} {}"), "not valid JSON" },
        { "comment", WithHeader("{/* c */}"), "not valid JSON" },
        { "trailing comma", WithHeader("{\"__metadata__\":{},}"), "not valid JSON" },
        { "lone surrogate", WithHeader("{\"\\ud800\":{}}"), "invalid string" },
        {
            "deep nesting",
            WithHeader("{\"a\":{\"x\":" + new string('[', 1000) + new string(']', 1000) + "}}"),
            "not valid JSON"
        },

        // Tensor entries of the wrong type or with the wrong fields.
        { "entry a number", WithHeader("{\"a\":5}"), "tensor 'a' is described by a JSON number, not an object" },
        {
            "dtype a number",
            WithHeader("{\"a\":{\"dtype\":5,\"shape\":[],\"data_offsets\":[0,4]}}", 4),
            "dtype that is a JSON number"
        },
        {
            "unknown dtype",
            WithTensors(4, Tensor("a", "F128", "[1]", 0, 4)),
            "tensor 'a' has the unknown dtype 'F128'"
        },
        { "lower-case dtype", WithTensors(4, Tensor("a", "f32", "[1]", 0, 4)), "unknown dtype 'f32'" },
        { "sub-byte dtype", WithTensors(1, Tensor("a", "F4", "[2]", 0, 1)), "unknown dtype 'F4'" },
        {
            "shape an object",
            WithTensors(4, Tensor("a", "F32", "{}", 0, 4)),
            "shape that is a JSON object, not an array"
        },
        { "shape negative", WithTensors(4, Tensor("a", "F32", "[-1]", 0, 4)), "has -1 in its shape" },
        { "shape fractional", WithTensors(4, Tensor("a", "F32", "[1.5]", 0, 4)), "has 1.5 in its shape" },
        { "shape exponent", WithTensors(4, Tensor("a", "F32", "[1e0]", 0, 4)), "has 1e0 in its shape" },
        { "shape a string", WithTensors(4, Tensor("a", "F32", "[\"1\"]", 0, 4)), "has a string in its shape" },
        // Each kind with its own article: "has a array" once read wrongly.
        { "shape of an array", WithTensors(4, Tensor("a", "F32", "[[1]]", 0, 4)), "has an array in its shape" },
        { "shape of an object", WithTensors(4, Tensor("a", "F32", "[{}]", 0, 4)), "has an object in its shape" },
        { "shape of a boolean", WithTensors(4, Tensor("a", "F32", "[true]", 0, 4)), "has a boolean in its shape" },
        { "shape of null", WithTensors(4, Tensor("a", "F32", "[null]", 0, 4)), "'a' has null in its shape" },
        {
            "offsets of an array",
            WithTensors(4, Tensor("a", "F32", "[1]", 0, 4).Replace("[0,4]", "[[0],4]")),
            "has an array in its data_offsets, not an integer"
        },
        {
            "shape over 64 bits",
            WithTensors(4, Tensor("a", "F32", "[18446744073709551616]", 0, 4)),
            "in its shape, not an integer"
        },
        {
            "shape overflowing",
            WithTensors(4, Tensor("a", "F32", "[4294967296,4294967296,16]", 0, 4)),
            "element count overflows 64 bits"
        },
        {
            "bytes overflowing",
            WithTensors(4, Tensor("a", "F64", "[4611686018427387904]", 0, 4)),
            "needs more bytes than 64 bits count"
        },
        {
            "rank 65",
            WithTensors(4, Tensor("a", "F32", "[" + string.Join(',', Enumerable.Repeat(1, 65)) + "]", 0, 4)),
            "more than 64 values in its shape"
        },
        {
            "one offset",
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", 4),
            "1 data_offsets; it needs two"
        },
        {
            "three offsets",
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4),
            "more than 2 values in its data_offsets"
        },
        { "negative offset", WithTensors(4, Tensor("a", "F32", "[1]", -4, 0)), "has -4 in its data_offsets" },
        {
            "missing shape",
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
            "tensor 'a' has no 'shape' field"
        },
        {
            "repeated field",
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
            "two 'dtype' fields"
        },

        // Names.
        {
            "duplicate names",
            WithTensors(8, Tensor("a", "F32", "[1]", 0, 4), Tensor("a", "F32", "[1]", 4, 8)),
            "the header names 'a' twice"
        },
        {
            "duplicate by escape",
            WithTensors(8, Tensor("a", "F32", "[1]", 0, 4), Tensor("\\u0061", "F32", "[1]", 4, 8)),
            "the header names 'a' twice"
        },
        { "duplicate metadata", WithHeader("{\"__metadata__\":{},\"__metadata__\":{}}"), "names '__metadata__' twice" },
        { "metadata an array", WithHeader("{\"__metadata__\":[]}"), "__metadata__ is a JSON array" },
        {
            "metadata value a number",
            WithHeader("{\"__metadata__\":{\"k\":1}}"),
            "entry 'k' is a JSON number, not a string"
        },
        {
            "metadata duplicate key",
            WithHeader("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"),
            "__metadata__ names 'k' twice"
        },

        // The data layout.
        {
            "reversed offsets",
            WithTensors(8, Tensor("a", "F32", "[1]", 8, 4)),
            "data_offsets [8, 4], which end before they begin"
        },
        {
            "not starting at 0",
            WithTensors(8, Tensor("a", "F32", "[1]", 4, 8)),
            "a hole: bytes 0 to 4 belong to no tensor"
        },
        {
            "hole",
            WithTensors(12, Tensor("a", "F32", "[1]", 0, 4), Tensor("b", "F32", "[1]", 8, 12)),
            "a hole: bytes 4 to 8"
        },
        {
            "overlap",
            WithTensors(8, Tensor("a", "F32", "[2]", 0, 8), Tensor("b", "F32", "[1]", 4, 8)),
            "tensor 'b' (bytes 4 to 8) overlaps tensor 'a'"
        },
        {
            "same range twice",
            WithTensors(4, Tensor("a", "F32", "[1]", 0, 4), Tensor("b", "F32", "[1]", 0, 4)),
            "overlaps"
        },
        {
            "length not dtype × shape",
            WithTensors(8, Tensor("a", "F32", "[3]", 0, 8)),
            "spans 8 bytes, but 12 are needed for dtype F32 and shape [3]"
        },
        { "F16 length", WithTensors(4, Tensor("a", "F16", "[1]", 0, 4)), "spans 4 bytes, but 2 are needed" },
        {
            "offsets past the data",
            WithTensors(4, Tensor("a", "F32", "[2]", 0, 8)),
            "need a data section of 8 bytes, but the file has 4"
        },
        { "offsets a gigabyte past the data", WithTensors(4, Tensor("a", "U8", "[1000000000]", 0, 1000000000)),
            "the tensors need a data section of 1000000000 bytes, but the file has 4 after the header" },
        { "offsets far past the data", WithTensors(4, Tensor("a", "U8", "[1000000000000]", 0, 1000000000000)),
            "the data section is 1000000000000 bytes; NetDsl reads at most 2147483591",
            "need a data section of 1000000000000 bytes, but the file has 4" },
        {
            "trailing bytes",
            WithTensors(5, Tensor("a", "F32", "[1]", 0, 4)),
            "1 byte after the end of the last tensor's data"
        },
        { "data but no tensors", WithHeader("{}", 8), "8 bytes after the end" },
    };

    public static TheoryData<string> Labels
    {
        get
        {
            var labels = new TheoryData<string>();
            foreach (string label in Cases.Keys)
            {
                labels.Add(label);
            }

            return labels;
        }
    }

    private static void AssertMalformed(string problem, Action read)
    {
        var error = Assert.Throws<InvalidDataException>(read);
        Assert.StartsWith("Not a valid safetensors file: ", error.Message);
        Assert.Contains(problem, error.Message);
        TestFiles.AssertOneFinalPeriod(error.Message);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void A_malformed_file_is_refused_with_a_message_naming_the_problem(string label)
    {
        var (file, problem, inspected) = Cases[label];

        // Seekable or not, whole or a few bytes at a time: the stream's length only makes some problems show sooner.
        AssertMalformed(problem, () => SafetensorsReader.Read(new MemoryStream(file)));
        AssertMalformed(problem, () => SafetensorsReader.Read(new NonSeekableStream(file, maxChunk: 7)));
        AssertMalformed(inspected ?? problem, () => SafetensorsReader.ReadHeader(new MemoryStream(file)));
        AssertMalformed(problem, () => SafetensorsReader.ReadHeader(new NonSeekableStream(file)));
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void A_malformed_file_leaves_the_network_unchanged(string label)
    {
        var (file, problem, _) = Cases[label];
        var network = new SmallPReLU();
        network.Initialize(3);
        int[] before = TestFiles.ParameterBits(network);

        foreach (var options in new[] { WeightsLoadOptions.Default, WeightsLoadOptions.PyTorch })
        {
            AssertMalformed(problem, () => network.LoadWeights(new MemoryStream(file), options));
            Assert.Equal(before, TestFiles.ParameterBits(network));
            AssertMalformed(problem, () => network.LoadWeights(new NonSeekableStream(file, maxChunk: 7), options));
            Assert.Equal(before, TestFiles.ParameterBits(network));
        }
    }

    [Theory]
    [InlineData("hello", "the header is not valid JSON: 'h' is an invalid start of a value. LineNumber: 0 | ")]
    [InlineData("{\"\\ud800\":{}}", "the header holds an invalid string: ")]
    public void A_message_quoting_System_Text_Json_ends_with_one_period(string header, string problem)
    {
        // System.Text.Json's messages end with a period of their own, which once made "..".
        var error = Assert.Throws<InvalidDataException>(
            () => SafetensorsReader.Read(new MemoryStream(TestFiles.File(header, []))));

        Assert.StartsWith("Not a valid safetensors file: " + problem, error.Message);
        TestFiles.AssertOneFinalPeriod(error.Message);
    }

    [Fact]
    public void Valid_edge_cases_of_the_reference_are_accepted()
    {
        // Whitespace around the object, unknown fields, a null __metadata__, empty and scalar tensors, and a tensor
        // listed before one with a lower offset.
        string header = " \n{\"__metadata__\":null,\"z\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]," +
            "\"extra\":{\"nested\":[1,{}]}},\"e\":{\"dtype\":\"F64\",\"shape\":[0,5],\"data_offsets\":[4,4]}," +
            "\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]}}\t\r\n";
        byte[] file = TestFiles.File(header, [0, 0, 0x80, 0x3F, 1, 2], pad: false);

        var read = SafetensorsReader.Read(new MemoryStream(file));

        Assert.Equal(["z", "e", "b"], read.Header.Tensors.Select(t => t.Name));
        Assert.Empty(read.Header.Metadata);
        Assert.Equal([1f], read.ToSingles(read.Header.Tensors[0]));
        Assert.Empty(read.ToSingles(read.Header.Find("e")!));
        Assert.Equal([1, 2], read.GetBytes(read.Header.Find("b")!).ToArray());
    }

    [Fact]
    public void A_stream_lying_about_its_length_does_not_make_the_reader_allocate_what_the_file_claims()
    {
        // The header claims a 2,000,000,000-byte tensor; the stream claims to hold it; only the header is there.
        byte[] file = WithTensors(0, Tensor("a", "U8", "[2000000000]", 0, 2_000_000_000));
        var stream = new LyingLengthStream(file, claimedLength: file.Length + 2_000_000_000L);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(stream));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("the tensors need a data section of 2000000000 bytes, but the file has 0 after the header",
            error.Message);
        Assert.True(allocated < 8 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_header_length_near_the_limit_on_a_tiny_non_seekable_stream_allocates_little()
    {
        byte[] file = TestFiles.WithDeclaredLength(99_999_999, "{}"u8);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(new NonSeekableStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("the header length 99999999 is more than the 2 bytes after it", error.Message);
        Assert.True(allocated < 8 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_data_section_over_2_GiB_is_refused_before_reading_it()
    {
        byte[] file = WithTensors(0, Tensor("a", "U8", "[3000000000]", 0, 3_000_000_000));
        var stream = new LyingLengthStream(file, claimedLength: file.Length + 3_000_000_000L);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(stream));
        Assert.Contains("the data section is 3000000000 bytes; NetDsl reads at most", error.Message);
    }

    [Fact]
    public void A_header_of_a_million_tiny_tensors_is_refused_before_they_are_held()
    {
        // 58 MB of empty tensors once took 828 MB to refuse: every entry was parsed and kept before the names
        // were checked against the model. A network stores at most three tensors a layer.
        const int Count = 1_000_000;
        var header = new StringBuilder("{");
        for (int i = 0; i < Count; i++)
        {
            header.Append(i == 0 ? "" : ",").Append(Tensor("t" + i, "U8", "[0]", 0, 0));
        }

        byte[] file = TestFiles.File(header.Append('}').ToString(), []);
        var network = new SmallPReLU();
        int[] before = TestFiles.ParameterBits(network);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => network.LoadWeights(new MemoryStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.StartsWith("The weights file does not fit the model: the file holds more than 1029 tensors, and the "
            + "model stores 5.", error.Message);
        // The header's bytes are read into a buffer that doubles as they arrive (the file's claims are not trusted),
        // which allocates up to about twice its length; holding a million parsed entries took fourteen times it.
        Assert.True(allocated < 3L * file.Length, $"{allocated} bytes allocated for a {file.Length}-byte file");
        Assert.Equal(before, TestFiles.ParameterBits(network));
    }

    [Fact]
    public void Messages_shorten_huge_names()
    {
        string name = new('n', 100_000);
        byte[] file = WithTensors(4, Tensor(name, "F99", "[1]", 0, 4));

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(new MemoryStream(file)));
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Theory]
    [InlineData("\\u001b[2J\\u001b]0;pwned\\u0007", "F99", "tensor '\\u001B[2J\\u001B]0;pwned\\u0007' has")]
    [InlineData("a\\r\\nERROR: forged line", "F99", "tensor 'a\\u000D\\u000AERROR: forged line' has")]
    [InlineData("\\u202egnp.exe", "F99", "tensor '\\u202Egnp.exe' has")]
    [InlineData("a", "F32\\u0000", "the unknown dtype 'F32\\u0000'")]
    public void Messages_quote_control_and_format_characters_as_escapes(string jsonName, string jsonDtype, string quoted)
    {
        // A file's names reached messages raw: a printed error could clear the screen, retitle the terminal, forge a
        // log line or reverse the text after it.
        byte[] file = WithTensors(4, Tensor(jsonName, jsonDtype, "[1]", 0, 4));

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(new MemoryStream(file)));

        Assert.Contains(quoted, error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || char.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.Format);
    }

    [Fact]
    public void Shortened_names_never_end_in_half_a_surrogate_pair()
    {
        // 59 letters and an emoji: the cut at 60 characters once fell between the emoji's two halves.
        string name = new string('n', 59) + "\\ud83d\\ude00" + new string('m', 10);
        byte[] file = WithTensors(4, Tensor(name, "F99", "[1]", 0, 4));

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Read(new MemoryStream(file)));

        Assert.Contains("tensor '" + new string('n', 59) + "…' has", error.Message);
        Assert.DoesNotContain(Rune.ReplacementChar, error.Message.EnumerateRunes());
    }

    [Fact]
    public void The_header_text_of_every_case_is_what_it_claims()
    {
        // Guards the table above: the "not UTF-8" case really holds an invalid byte and the others decode.
        var strict = new UTF8Encoding(false, true);
        foreach (var (label, (file, _, _)) in Cases)
        {
            if (label == "not UTF-8")
            {
                Assert.Throws<DecoderFallbackException>(() => strict.GetString(file, 8, file.Length - 8));
            }
            else if (file.Length > 8)
            {
                strict.GetString(file, 8, file.Length - 8);
            }
        }
    }
}

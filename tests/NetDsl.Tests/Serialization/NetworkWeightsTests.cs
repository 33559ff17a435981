using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>Generated networks saved and loaded through the weights-file extensions, to a path and to streams.
/// "The same" means the same bits: Assert.Equal on floats takes −0 for +0.</summary>
public class NetworkWeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netdsl-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>−0, subnormals of both signs, the smallest normal and the extreme finite values.</summary>
    private static readonly float[] Awkward =
    [
        -0f, float.Epsilon, -float.Epsilon, BitConverter.Int32BitsToSingle(0x007FFFFF),
        BitConverter.Int32BitsToSingle(unchecked((int)0x807FFFFF)), BitConverter.Int32BitsToSingle(0x00800000),
        float.MaxValue, -float.MaxValue,
    ];

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (string network in new[] { "Arguments", "FashionNet", "EveryPReLU with awkward values" })
            {
                foreach (string medium in new[] { "path", "MemoryStream", "non-seekable streams" })
                {
                    cases.Add(network, medium);
                }
            }

            return cases;
        }
    }

    /// <summary>A network with seeded parameters; the awkward one also has every value of <see cref="Awkward"/>:
    /// the tiny ones spread over every layer, the extremes in the output layer's first row only, so that the other
    /// outputs stay finite and their comparison means something.</summary>
    private static INetwork Trained(string name)
    {
        INetwork network = name switch
        {
            "Arguments" => new Arguments(),
            "FashionNet" => new FashionNet(),
            _ => new EveryPReLU(),
        };
        network.Initialize(77);
        if (network is EveryPReLU)
        {
            var parameters = new float[network.ParameterCount];
            network.ExportParameters(parameters);
            for (int i = 0; i < parameters.Length; i += 97)
            {
                parameters[i] = Awkward[i / 97 % 6];
            }

            // The output layer's weights start after layer 0's weights, biases and slopes.
            var hidden = network.Description.Layers[0];
            int outputWeights = hidden.ParameterCount;
            parameters[outputWeights] = float.MaxValue;
            parameters[outputWeights + 1] = -float.MaxValue;
            network.ImportParameters(parameters);
        }

        return network;
    }

    /// <summary>Six rows of inputs, negative ones included so that PReLU and LeakyReLU use their slopes.</summary>
    private static float[] Rows(int inputSize)
        => Enumerable.Range(0, 6 * inputSize).Select(i => (i * 37 % 101 - 50) / 25f).ToArray();

    /// <summary>The bits of every output of every row, through ForwardBatch and through Forward row by row.</summary>
    private static int[] OutputBits(INetwork network, float[] rows)
    {
        int count = rows.Length / network.InputSize;
        var batch = new float[count * network.OutputSize];
        network.ForwardBatch(rows, batch);
        var single = new float[count * network.OutputSize];
        for (int row = 0; row < count; row++)
        {
            network.Forward(rows.AsSpan(row * network.InputSize, network.InputSize),
                single.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        return TestFiles.Bits([.. batch, .. single]);
    }

    /// <summary>Saves <paramref name="from"/> and loads the file into <paramref name="to"/> through
    /// <paramref name="medium"/>; returns the file's bytes.</summary>
    private byte[] Transfer(INetwork from, INetwork to, string medium)
    {
        switch (medium)
        {
            case "path":
                string path = Path.Combine(_directory, "network.safetensors");
                from.SaveWeights(path);
                to.LoadWeights(path);
                return File.ReadAllBytes(path);
            case "MemoryStream":
                // Both overloads work from the stream's position and leave it open.
                var stream = new MemoryStream();
                stream.Write("prefix"u8);
                from.SaveWeights(stream);
                stream.Position = 6;
                to.LoadWeights(stream);
                Assert.Equal(stream.Length, stream.Position);
                return stream.ToArray()[6..];
            default:
                var sink = new MemoryStream();
                from.SaveWeights(new NonSeekableWriteStream(sink));
                to.LoadWeights(new NonSeekableStream(sink.ToArray(), maxChunk: 5));
                return sink.ToArray();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_saved_network_loads_into_a_fresh_one_with_the_same_parameters_and_outputs_bit_for_bit(
        string network, string medium)
    {
        var trained = Trained(network);
        var fresh = Trained(network);
        fresh.Initialize(78);
        Assert.NotEqual(TestFiles.ParameterBits(trained), TestFiles.ParameterBits(fresh));

        byte[] file = Transfer(trained, fresh, medium);

        Assert.Equal(TestFiles.ParameterBits(trained), TestFiles.ParameterBits(fresh));
        float[] rows = Rows(trained.InputSize);
        int[] outputs = OutputBits(trained, rows);
        Assert.Equal(outputs, OutputBits(fresh, rows));

        // Every medium carries the same bytes.
        Assert.Equal(TestFiles.Saved(trained.Description, Export(trained)), file);
        if (trained is EveryPReLU)
        {
            Assert.All(Awkward, value => Assert.Contains(BitConverter.SingleToInt32Bits(value),
                TestFiles.ParameterBits(fresh)));
            var finite = outputs.Where((_, i) => i % trained.OutputSize != 0).Select(BitConverter.Int32BitsToSingle);
            Assert.All(finite, value => Assert.True(float.IsFinite(value)));
        }
    }

    [Theory]
    [InlineData("path")]
    [InlineData("MemoryStream")]
    [InlineData("non-seekable stream")]
    public void Another_shape_is_refused_with_what_differs_and_changes_nothing(string medium)
    {
        var sink = new MemoryStream();
        new Width5().SaveWeights(sink);
        string path = Path.Combine(_directory, "width5.safetensors");
        File.WriteAllBytes(path, sink.ToArray());
        var other = new Width6();
        int[] before = TestFiles.ParameterBits(other);

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            switch (medium)
            {
                case "path":
                    other.LoadWeights(path);
                    break;
                case "MemoryStream":
                    other.LoadWeights(new MemoryStream(sink.ToArray()));
                    break;
                default:
                    other.LoadWeights(new NonSeekableStream(sink.ToArray(), maxChunk: 3));
                    break;
            }
        });

        // Only a path names the file: a stream has no name to give.
        string named = medium == "path" ? path + ": " : "";
        Assert.Equal(
            named + "The weights file does not fit the model: layer 0 has 5 units in the file, 6 in the model.",
            error.Message);
        Assert.Equal(before, TestFiles.ParameterBits(other));
    }

    [Fact]
    public void A_corrupt_file_loaded_by_path_is_named_in_the_message()
    {
        // The message once gave no path, where the IDX reader's name their file: "--weights junk.st" printed only
        // "Not a valid safetensors file: the file ends after 5 bytes ...".
        string path = Path.Combine(_directory, "junk.st");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        const string Problem = "Not a valid safetensors file: the file ends after 5 bytes, inside the 8-byte header "
            + "length.";

        var load = Assert.Throws<InvalidDataException>(() => new Arguments().LoadWeights(path));
        var inspect = Assert.Throws<InvalidDataException>(() => WeightsFile.Inspect(path));

        Assert.Equal($"{path}: {Problem}", load.Message);
        Assert.Equal($"{path}: {Problem}", inspect.Message);
        Assert.Equal(Problem, load.InnerException!.Message);
    }

    [Fact]
    public void The_activation_parameter_is_recorded_and_checked()
    {
        // Same widths, LeakyReLU with another slope: loading must not silently change what the layer computes.
        string path = Path.Combine(_directory, "leaky.safetensors");
        var description = Arguments.Description;
        var shifted = description with
        {
            Layers = [description.Layers[0] with { Alpha = 0.3 }, .. description.Layers.Skip(1)],
        };
        WeightsFile.Save(path, shifted, Export(new Arguments()));
        var network = new Arguments();
        int[] before = TestFiles.ParameterBits(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadWeights(path));
        Assert.Contains("layer 0's LeakyReLU has α = 0.3 in the file, 0.2 in the model", error.Message);
        Assert.Equal(before, TestFiles.ParameterBits(network));
        Assert.Equal("0.3", WeightsFile.Inspect(path).Metadata["netdsl.layers.0.alpha"]);
    }

    private static float[] Export(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }
}

using System.Buffers.Binary;
using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Files as <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes them for an nn.Sequential, loaded
/// with <see cref="WeightsLoadOptions.PyTorch"/>.
/// </summary>
/// <remarks>
/// Assumptions about the reference writer (safetensors' Rust core, which the Python package calls): tensors are
/// sorted by descending dtype (all F32 here) and then by name in byte order, so "0.bias" precedes "0.weight" and
/// "10.*" precedes "2.*"; data follows in that order with no gaps; the header is serde_json's compact output with
/// "__metadata__" first and each tensor's fields in the order dtype, shape, data_offsets; the header is padded with
/// spaces to a multiple of 8 bytes. <c>save_file</c> writes "__metadata__" only when given metadata; Hugging Face
/// tools pass {"format": "pt"}, so the main test is run with it and without it.
/// </remarks>
public class PyTorchImportTests
{
    // As transformers' save_pretrained writes it (311 bytes and one space of padding), and as plain
    // save_file(model.state_dict(), path) does: no "__metadata__", and 280 bytes that need no padding.
    [Theory]
    [InlineData("{\"__metadata__\":{\"format\":\"pt\"},", 312)]
    [InlineData("{", 280)]
    public void A_784_128_10_sequential_written_byte_by_byte_loads_as_its_weights_set_through_ImportParameters(
        string opening, long headerLength)
    {
        // model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)): modules 0 and 2 have parameters.
        // Scaled by 2^-12, still exact, so that the logits stay small and the softmax outputs are not all 0 and 1.
        float[] weight0 = Scaled(TestFiles.Parameters(128 * 784, seed: 10));
        float[] bias0 = Scaled(TestFiles.Parameters(128, seed: 11));
        float[] weight2 = Scaled(TestFiles.Parameters(10 * 128, seed: 12));
        float[] bias2 = Scaled(TestFiles.Parameters(10, seed: 13));

        // 0.bias: 128 × 4 = 512 bytes; 0.weight: 128 × 784 × 4 = 401,408; 2.bias: 40; 2.weight: 5,120.
        string header = opening +
            "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[128],\"data_offsets\":[0,512]}," +
            "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[128,784],\"data_offsets\":[512,401920]}," +
            "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[401920,401960]}," +
            "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[10,128],\"data_offsets\":[401960,407080]}}";
        byte[] data = [.. TestFiles.Singles(bias0), .. TestFiles.Singles(weight0), .. TestFiles.Singles(bias2),
            .. TestFiles.Singles(weight2)];
        Assert.Equal(407080, data.Length);
        byte[] file = TestFiles.File(header, data);
        Assert.Equal(headerLength, BinaryPrimitives.ReadInt64LittleEndian(file));
        Assert.Equal(8 + headerLength + data.Length, file.Length);
        string path = Path.Combine(Path.GetTempPath(), $"netdsl-pytorch-{Guid.NewGuid():N}.safetensors");
        var fromFile = new FashionNet();
        try
        {
            File.WriteAllBytes(path, file);
            fromFile.LoadWeights(path, WeightsLoadOptions.PyTorch);
        }
        finally
        {
            File.Delete(path);
        }

        var imported = new FashionNet();
        float[] canonical = [.. weight0, .. bias0, .. weight2, .. bias2];
        imported.ImportParameters(canonical);

        Assert.Equal(TestFiles.ParameterBits(imported), TestFiles.ParameterBits(fromFile));
        Assert.Equal(TestFiles.Bits(canonical), TestFiles.ParameterBits(fromFile));
        var rows = Enumerable.Range(0, 8 * FashionNet.InputSize).Select(i => i * 7919 % 256 / 255f).ToArray();
        var expected = new float[8 * FashionNet.OutputSize];
        var actual = new float[8 * FashionNet.OutputSize];
        imported.ForwardBatch(rows, expected);
        fromFile.ForwardBatch(rows, actual);
        Assert.Equal(TestFiles.Bits(expected), TestFiles.Bits(actual));
        for (int row = 0; row < 8; row++)
        {
            var input = rows.AsSpan(row * FashionNet.InputSize, FashionNet.InputSize);
            imported.Forward(input, expected.AsSpan(0, FashionNet.OutputSize));
            fromFile.Forward(input, actual.AsSpan(0, FashionNet.OutputSize));
            Assert.Equal(
                TestFiles.Bits(expected[..FashionNet.OutputSize]), TestFiles.Bits(actual[..FashionNet.OutputSize]));
        }

        Assert.Contains(expected, p => p is > 0.01f and < 0.99f);
    }

    private static float[] Scaled(float[] values) => values.Select(v => v / 4096).ToArray();

    [Fact]
    public void A_file_without_metadata_loads_the_same()
    {
        var description = TestFiles.Chain(3, (2, Act.ReLU), (1, Act.Linear));
        byte[] file = new ReferenceLikeFile()
            .AddSingles("0.weight", [2, 3], [1, 2, 3, 4, 5, 6])
            .AddSingles("0.bias", [2], [7, 8])
            .AddSingles("2.weight", [1, 2], [9, 10])
            .AddSingles("2.bias", [1], [11])
            .Build();

        float[] loaded = WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch);

        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], loaded);
    }

    [Fact]
    public void Modules_are_ordered_numerically_so_10_comes_after_2()
    {
        // Six Linear layers at modules 0, 2, ..., 10 with distinct widths: a name order would put module 10 second
        // and fail the shape checks.
        int[] widths = [3, 4, 5, 6, 7, 8, 2];
        var description = TestFiles.Chain(3, widths[1..].Select(w => (w, Act.Tanh)).ToArray());
        var builder = new ReferenceLikeFile();
        var canonical = new List<float>();
        for (int layer = 0; layer < 6; layer++)
        {
            float[] weight = TestFiles.Parameters(widths[layer + 1] * widths[layer], seed: 100 + layer);
            float[] bias = TestFiles.Parameters(widths[layer + 1], seed: 200 + layer);
            builder.AddSingles($"{2 * layer}.weight", [widths[layer + 1], widths[layer]], weight);
            builder.AddSingles($"{2 * layer}.bias", [widths[layer + 1]], bias);
            canonical.AddRange([.. weight, .. bias]);
        }

        float[] loaded = WeightsFile.Load(new MemoryStream(builder.Build()), description, WeightsLoadOptions.PyTorch);

        Assert.Equal(canonical, loaded);
    }

    [Fact]
    public void A_PReLU_module_after_a_Linear_gives_the_slopes()
    {
        // nn.Sequential(nn.Linear(2, 3), nn.PReLU(num_parameters=3), nn.Linear(3, 1))
        var description = TestFiles.Chain(2, (3, Act.PReLU), (1, Act.Linear));
        byte[] file = new ReferenceLikeFile()
            .AddSingles("0.weight", [3, 2], [1, 2, 3, 4, 5, 6])
            .AddSingles("0.bias", [3], [7, 8, 9])
            .AddSingles("1.weight", [3], [0.25f, 0.5f, 0.75f])
            .AddSingles("2.weight", [1, 3], [10, 11, 12])
            .AddSingles("2.bias", [1], [13])
            .Build(new Dictionary<string, string> { ["format"] = "pt" });

        float[] loaded = WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch);

        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 9, 0.25f, 0.5f, 0.75f, 10, 11, 12, 13], loaded);
    }

    [Fact]
    public void A_single_shared_PReLU_slope_is_copied_to_every_unit()
    {
        // nn.PReLU() has one parameter shared by all units.
        var description = TestFiles.Chain(1, (3, Act.PReLU));
        byte[] file = new ReferenceLikeFile()
            .AddSingles("0.weight", [3, 1], [1, 2, 3])
            .AddSingles("0.bias", [3], [4, 5, 6])
            .AddSingles("1.weight", [1], [0.25f])
            .Build();

        float[] loaded = WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch);

        Assert.Equal([1f, 2, 3, 4, 5, 6, 0.25f, 0.25f, 0.25f], loaded);
    }

    [Fact]
    public void A_common_prefix_such_as_a_field_name_is_allowed()
    {
        var description = TestFiles.Chain(1, (1, Act.Linear));
        byte[] file = new ReferenceLikeFile()
            .AddSingles("net.0.weight", [1, 1], [2])
            .AddSingles("net.0.bias", [1], [3])
            .Build();

        Assert.Equal([2f, 3f], WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch));
    }

    [Theory]
    [InlineData("PReLU slopes for layer 0", Act.ReLU, true)]
    [InlineData("layer 0 is PReLU in the model, but the file has no slopes", Act.PReLU, false)]
    public void Slopes_must_match_the_model(string message, Act activation, bool fileHasSlopes)
    {
        var description = TestFiles.Chain(1, (2, activation));
        var builder = new ReferenceLikeFile().AddSingles("0.weight", [2, 1], [1, 2]).AddSingles("0.bias", [2], [3, 4]);
        if (fileHasSlopes)
        {
            builder.AddSingles("1.weight", [2], [0.1f, 0.2f]);
        }

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(builder.Build()), description, WeightsLoadOptions.PyTorch));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("0.weight", new long[] { 2, 1 }, "1.running_mean", new long[] { 2 }, "'1.running_mean'")]
    [InlineData("0.weight", new long[] { 2, 1 }, "x.1.bias", new long[] { 2 }, "different module paths")]
    [InlineData("0.weight", new long[] { 2, 1 }, "1.weight", new long[] { 2, 2, 1 }, "module 1's weight")]
    [InlineData("0.weight", new long[] { 2, 1 }, "00.bias", new long[] { 2 }, "'00.bias'")]
    public void Tensors_that_are_not_Linear_or_PReLU_parameters_are_refused_by_name(
        string first, long[] firstShape, string second, long[] secondShape, string message)
    {
        var description = TestFiles.Chain(1, (2, Act.ReLU));
        byte[] file = new ReferenceLikeFile()
            .Add(first, "F32", firstShape, new byte[4 * firstShape.Aggregate(1L, (a, b) => a * b)])
            .Add("0.bias", "F32", [2], new byte[8])
            .Add(second, "F32", secondShape, new byte[4 * secondShape.Aggregate(1L, (a, b) => a * b)])
            .Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_Linear_without_bias_is_refused()
    {
        byte[] file = new ReferenceLikeFile().AddSingles("0.weight", [1, 1], [1]).Build();

        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(
            new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear)), WeightsLoadOptions.PyTorch));
        Assert.Contains("module 0 is a Linear module without a bias", error.Message);
    }

    [Fact]
    public void Loading_a_PyTorch_file_by_NetDsl_names_points_to_the_by_order_option()
    {
        byte[] file =
            new ReferenceLikeFile().AddSingles("0.weight", [1, 1], [1]).AddSingles("0.bias", [1], [2]).Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear))));
        Assert.Contains("TensorNameMapping.ByLayerOrder", error.Message);
    }

    [Fact]
    public void A_NetDsl_file_also_loads_by_layer_order_when_it_has_no_slopes()
    {
        var description = TestFiles.Mnist;
        float[] parameters = TestFiles.Parameters(description.ParameterCount);

        float[] loaded = WeightsFile.Load(
            new MemoryStream(TestFiles.Saved(description, parameters)), description, WeightsLoadOptions.PyTorch);

        Assert.Equal(parameters, loaded);
    }
}

using NetDsl.Serialization;

namespace NetDsl.Tests.Serialization;

/// <summary>A well-formed file that does not fit the model is refused with a message saying what differs.</summary>
public class ShapeMismatchTests
{
    private static string LoadError(
        NetworkDescription saved, NetworkDescription model, WeightsLoadOptions? options = null)
    {
        byte[] file = TestFiles.Saved(saved, TestFiles.Parameters(saved.ParameterCount));
        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new MemoryStream(file), model, options));
        Assert.StartsWith("The weights file does not fit the model: ", error.Message);
        TestFiles.AssertOneFinalPeriod(error.Message);
        return error.Message;
    }

    [Fact]
    public void A_different_unit_count_names_the_layer_and_both_counts()
    {
        string message = LoadError(
            TestFiles.Chain(10, (20, Act.ReLU), (30, Act.ReLU), (64, Act.Softmax)),
            TestFiles.Chain(10, (20, Act.ReLU), (30, Act.ReLU), (128, Act.Softmax)));

        Assert.Equal(
            "The weights file does not fit the model: layer 2 has 64 units in the file, 128 in the model.", message);
    }

    [Fact]
    public void A_different_layer_count_names_both_counts()
    {
        string message = LoadError(
            TestFiles.Chain(4, (3, Act.ReLU), (3, Act.ReLU), (2, Act.Linear)),
            TestFiles.Chain(4, (3, Act.ReLU), (2, Act.Linear)));

        Assert.Equal("The weights file does not fit the model: the file has 3 layers, the model 2.", message);
    }

    [Fact]
    public void A_different_input_size_names_both_sizes()
    {
        string message = LoadError(
            TestFiles.Chain(100, (128, Act.ReLU), (10, Act.Softmax)), TestFiles.Mnist);

        // Once ended with "784.." : the phrase brought its own period.
        Assert.Equal(
            "The weights file does not fit the model: the file's input size is 100, the model's 784.", message);
    }

    [Fact]
    public void A_different_activation_is_refused_unless_the_check_is_off()
    {
        var saved = TestFiles.Chain(4, (3, Act.ReLU), (2, Act.Softmax));
        var model = TestFiles.Chain(4, (3, Act.ReLU), (2, Act.Linear));

        Assert.Contains("layer 1 is Softmax in the file, Linear in the model", LoadError(saved, model));

        float[] parameters = TestFiles.Parameters(saved.ParameterCount);
        var relaxed = new WeightsLoadOptions { CheckActivations = false };
        Assert.Equal(
            parameters, WeightsFile.Load(new MemoryStream(TestFiles.Saved(saved, parameters)), model, relaxed));
    }

    [Theory]
    [InlineData(Act.LeakyReLU, 0.2, 0.0, "layer 0's LeakyReLU has α = 0.2 in the file, 0 in the model")]
    [InlineData(Act.LeakyReLU, 0.0, 0.2, "layer 0's LeakyReLU has α = 0 in the file, 0.2 in the model")]
    [InlineData(Act.ELU, 1.0, 0.5, "layer 0's ELU has α = 1 in the file, 0.5 in the model")]
    public void A_different_alpha_is_refused_even_when_one_side_is_0(Act activation, double saved, double model,
        string problem)
    {
        // A slope of 0 is a LeakyReLU too (it computes ReLU): it is recorded and checked like any other.
        var inFile = TestFiles.Chain(2, (3, activation), (1, Act.Linear));
        inFile = inFile with { Layers = [inFile.Layers[0] with { Alpha = saved }, inFile.Layers[1]] };
        var inModel = inFile with { Layers = [inFile.Layers[0] with { Alpha = model }, inFile.Layers[1]] };

        Assert.Equal(
            $"The weights file does not fit the model: {problem} (set WeightsLoadOptions.CheckActivations to false " +
            "to load the weights anyway).", LoadError(inFile, inModel));
        float[] parameters = TestFiles.Parameters(inFile.ParameterCount);
        var relaxed = new WeightsLoadOptions { CheckActivations = false };
        Assert.Equal(
            parameters, WeightsFile.Load(new MemoryStream(TestFiles.Saved(inFile, parameters)), inModel, relaxed));
    }

    [Fact]
    public void Alpha_is_recorded_for_LeakyReLU_and_ELU_only()
    {
        var description = TestFiles.Chain(2, (3, Act.LeakyReLU), (3, Act.ELU), (3, Act.PReLU), (1, Act.Linear));
        description = description with
        {
            Layers = [description.Layers[0] with { Alpha = 0 }, description.Layers[1] with { Alpha = 1.5 },
                .. description.Layers.Skip(2)],
        };

        var metadata = SafetensorsReader.ReadHeader(
            new MemoryStream(TestFiles.Saved(description, new float[description.ParameterCount]))).Metadata;

        Assert.Equal("0", metadata["netdsl.layers.0.alpha"]);
        Assert.Equal("1.5", metadata["netdsl.layers.1.alpha"]);
        Assert.False(metadata.ContainsKey("netdsl.layers.2.alpha"));
        Assert.False(metadata.ContainsKey("netdsl.layers.3.alpha"));
    }

    [Fact]
    public void PReLU_slopes_must_be_in_the_file_exactly_when_the_model_has_them()
    {
        var withSlopes = TestFiles.Chain(2, (3, Act.PReLU));
        var withoutSlopes = TestFiles.Chain(2, (3, Act.LeakyReLU));
        var relaxed = new WeightsLoadOptions { CheckActivations = false };

        Assert.Contains("PReLU slopes for layer 0 ('layers.0.slope'), which is LeakyReLU in the model",
            LoadError(withSlopes, withoutSlopes, relaxed));
        Assert.Contains("layer 0 is PReLU in the model, but the file has no slopes for it",
            LoadError(withoutSlopes, withSlopes, relaxed));
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        byte[] file = new ReferenceLikeFile()
            .AddSingles("layers.0.weight", [1, 1], [1])
            .AddSingles("layers.0.bias", [1], [1])
            .AddSingles("layers.1.weight", [1, 1], [1])
            .Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.ReLU), (1, Act.Linear))));
        Assert.Contains("the file has no tensor 'layers.1.bias'", error.Message);
    }

    [Fact]
    public void A_gap_in_layer_indices_names_the_first_missing_tensor_without_allocating_for_the_largest_index()
    {
        byte[] file = new ReferenceLikeFile()
            .AddSingles("layers.0.weight", [1, 1], [1])
            .AddSingles("layers.0.bias", [1], [1])
            .AddSingles("layers.999999999.bias", [1], [1])
            .Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear))));
        Assert.Contains("the file has no tensor 'layers.1.weight'", error.Message);
    }

    [Theory]
    [InlineData("layers.0.weights")]
    [InlineData("layers.01.bias")]
    [InlineData("extra")]
    public void An_unexpected_tensor_is_named(string name)
    {
        byte[] file = new ReferenceLikeFile()
            .AddSingles("layers.0.weight", [1, 1], [1])
            .AddSingles("layers.0.bias", [1], [1])
            .AddSingles(name, [1], [1])
            .Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear))));
        Assert.Contains($"'{name}', which is not a NetDsl layer tensor", error.Message);
    }

    [Theory]
    [InlineData(new long[] { 2 }, "'layers.0.weight' has shape [2]; a layer's weight is 2-D")]
    [InlineData(new long[] { 1, 2 }, "'layers.0.bias' has shape [2]; the bias of layer 0 is [1]")]
    public void A_tensor_of_the_wrong_rank_or_length_is_named_with_its_shape(long[] weightShape, string message)
    {
        var builder = new ReferenceLikeFile();
        builder.AddSingles("layers.0.weight", weightShape, new float[weightShape.Aggregate(1L, (a, b) => a * b)]);
        builder.AddSingles("layers.0.bias", [2], [1, 2]);

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(builder.Build()), TestFiles.Chain(2, (1, Act.Linear))));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_newer_layout_version_is_refused()
    {
        byte[] file = new ReferenceLikeFile()
            .AddSingles("layers.0.weight", [1, 1], [1])
            .AddSingles("layers.0.bias", [1], [1])
            .Build(new Dictionary<string, string> { ["netdsl.version"] = "2" });

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear))));
        Assert.Contains("layout version '2'; this NetDsl reads version 1", error.Message);
    }

    [Fact]
    public void Saving_checks_the_parameter_count_and_the_description()
    {
        var stream = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => WeightsFile.Save(stream, TestFiles.Small, new float[3]));
        Assert.Contains($"has {TestFiles.Small.ParameterCount} parameters, but 3 were given", error.Message);
        var broken = new NetworkDescription("Broken", 3, [new(4, 2, Act.ReLU)]);
        Assert.Throws<ArgumentException>(() => WeightsFile.Save(stream, broken, new float[broken.ParameterCount]));
        Assert.Equal(0, stream.Length);
    }
}

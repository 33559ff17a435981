using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>Generated networks saved and loaded through the weights-file extensions.</summary>
public class NetworkWeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netdsl-weights-").FullName;

    [Fact]
    public void A_saved_network_loads_into_a_fresh_one_with_identical_outputs()
    {
        var trained = new Arguments();
        trained.Initialize(77);
        string path = Path.Combine(_directory, "arguments.safetensors");
        trained.SaveWeights(path);

        var fresh = new Arguments();
        fresh.LoadWeights(path);
        float[] input = Enumerable.Range(0, Arguments.InputSize).Select(i => i / 10f - 1).ToArray();
        var expected = new float[Arguments.OutputSize];
        var actual = new float[Arguments.OutputSize];
        trained.Forward(input, expected);
        fresh.Forward(input, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Another_shape_is_refused_with_what_differs_and_changes_nothing()
    {
        string path = Path.Combine(_directory, "width5.safetensors");
        new Width5().SaveWeights(path);
        var other = new Width6();
        var before = new float[Width6.ParameterCount];
        other.ExportParameters(before);

        var error = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains("layer 0 has 5 units in the file, 6 in the model", error.Message);
        var after = new float[Width6.ParameterCount];
        other.ExportParameters(after);
        Assert.Equal(before, after);
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
        var parameters = new float[Arguments.ParameterCount];
        new Arguments().ExportParameters(parameters);
        NetDsl.Serialization.WeightsFile.Save(path, shifted, parameters);

        var error = Assert.Throws<InvalidDataException>(() => new Arguments().LoadWeights(path));
        Assert.Contains("α = 0.3 in the file, 0.2 in the model", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

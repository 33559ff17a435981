using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generated source grows by a roughly constant amount per layer and not at all with the layers' width: a
/// per-neuron unrolling or a per-layer repetition of earlier layers would fail it. Sizes only; the generator's time is
/// measured by benchmarks/NetDsl.Generator.Benchmarks, since a clock in a unit test fails on a busy machine.
/// </summary>
public sealed class GrowthTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int[] Sizes = [250, 500, 1000, 2000];

    private static readonly BuildSettings Settings =
        BuildSettings.Strict with { Documentation = DocumentationMode.Parse };

    [Fact]
    public void Source_length_grows_linearly_with_the_layer_count()
    {
        var length = Sizes.ToDictionary(
            size => size, size => Length(DeepNetworks.Source(size), $"/src/Net{size}.cs"));

        string report = string.Join(
            "\n", Sizes.Select(s => $"{s,5} layers: {length[s],9} chars ({(double)length[s] / s:F0} per layer)"));
        output.WriteLine(report);
        var perLayer = Sizes.Select(s => (double)length[s] / s).ToList();
        Assert.True(perLayer.Max() / perLayer.Min() < 1.5, "Source length per layer is not constant:\n" + report);
    }

    [Fact]
    public void Source_length_does_not_grow_with_the_layer_width()
    {
        string Wide(int width) => $"using NetDsl; [Input({width})] [Dense({width}, Act.ReLU)] "
            + $"[Dense({width}, Act.Softmax)] internal partial class Wide {{ }}";

        int narrow = Length(Wide(16), "/src/Wide16.cs"), wide = Length(Wide(1000), "/src/Wide1000.cs");
        output.WriteLine($"16 → 16 → 16: {narrow} chars; 1000 → 1000 → 1000: {wide} chars");

        // Only the digits of the sizes differ: a few characters per mention, never a line per unit.
        Assert.True(
            wide < narrow * 1.05, $"A 1000-wide network's source ({wide} chars) outgrows a 16-wide one's ({narrow}).");
    }

    /// <summary>The length of the one source a generator run on <paramref name="source"/> emits.</summary>
    private static int Length(string source, string path)
    {
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.Compile(Settings).AddSyntaxTrees(GeneratorHarness.Parse(source, path, Settings)));
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        return run.Sources.Single().SourceText.Length;
    }
}

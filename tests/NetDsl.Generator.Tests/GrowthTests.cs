using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generator's cost grows linearly with the number of layers: the emitted source by a roughly constant amount per
/// layer, and the time no worse than linearly. A complexity check with generous bounds, not a benchmark: a quadratic
/// step (a per-layer scan over all layers, a string rebuilt per layer) would still fail it.
/// </summary>
public sealed class GrowthTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int[] Sizes = [250, 500, 1000, 2000];

    private static readonly BuildSettings Settings = BuildSettings.Strict with { Documentation = DocumentationMode.Parse };

    [Fact]
    public void Source_length_and_generation_time_grow_linearly_with_the_layer_count()
    {
        var trees = Sizes.ToDictionary(size => size, size => GeneratorHarness.Parse(Network(size), $"/src/Net{size}.cs", Settings));
        Measure(trees[Sizes[0]]); // JIT warm-up

        var length = new Dictionary<int, int>();
        var time = new Dictionary<int, double>();
        foreach (int size in Sizes)
        {
            var runs = Enumerable.Range(0, 3).Select(_ => Measure(trees[size])).ToList();
            length[size] = runs[0].Length;
            time[size] = runs.Select(r => r.Milliseconds).Order().ElementAt(1);
        }

        string report = string.Join("\n", Sizes.Select(s => $"{s,5} layers: {length[s],9} chars ({(double)length[s] / s:F0} per layer), {time[s],7:F1} ms"));
        output.WriteLine(report);
        var perLayer = Sizes.Select(s => (double)length[s] / s).ToList();
        Assert.True(perLayer.Max() / perLayer.Min() < 1.5, "Source length per layer is not constant:\n" + report);

        // Linear would be a ratio of 4; allow 4 times that for noise on a busy machine.
        Assert.True(time[2000] / time[500] < 4 * (2000.0 / 500), "Generation time grows faster than linearly:\n" + report);
        Assert.True(time[1000] / time[250] < 4 * (1000.0 / 250), "Generation time grows faster than linearly:\n" + report);
    }

    /// <summary>Layers alternating between two widths and two activations, so that four kernel sets serve them all:
    /// the per-layer part of the source (offsets, packing, calls) dominates, as it does in any deep network.</summary>
    private static string Network(int layers)
    {
        var source = new StringBuilder("using NetDsl;\n[Input(32)]\n");
        for (int i = 0; i < layers; i++)
        {
            source.Append(i % 2 == 0 ? "[Dense(16, Act.ReLU)]\n" : "[Dense(24, Act.LeakyReLU)]\n");
        }

        return source.Append("[Dense(4, Act.Softmax)]\ninternal partial class Deep { }\n").ToString();
    }

    /// <summary>One generator run on a fresh compilation (attributes are bound anew, as in a real build).</summary>
    private static (int Length, double Milliseconds) Measure(SyntaxTree tree)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Settings).AddSyntaxTrees(tree);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Settings.ParseOptions);

        var stopwatch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        stopwatch.Stop();

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        return (result.GeneratedSources.Single().SourceText.Length, stopwatch.Elapsed.TotalMilliseconds);
    }
}

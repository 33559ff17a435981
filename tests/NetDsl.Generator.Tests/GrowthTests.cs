using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generator's cost grows linearly with the number of layers: the emitted source by a roughly constant amount per
/// layer, and the time no worse than linearly; and not at all with their width. A complexity check with generous
/// bounds, not a benchmark: a quadratic step (a per-layer scan over all layers, a string rebuilt per layer) or a
/// per-neuron unrolling would still fail it.
/// </summary>
public sealed class GrowthTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int[] Sizes = [250, 500, 1000, 2000];

    private static readonly BuildSettings Settings =
        BuildSettings.Strict with { Documentation = DocumentationMode.Parse };

    [Fact]
    public void Source_length_and_generation_time_grow_linearly_with_the_layer_count()
    {
        var trees = Sizes.ToDictionary(
            size => size, size => GeneratorHarness.Parse(Network(size), $"/src/Net{size}.cs", Settings));
        Measure(trees[Sizes[0]]); // JIT warm-up

        var length = new Dictionary<int, int>();
        var time = new Dictionary<int, double>();
        foreach (int size in Sizes)
        {
            var runs = Enumerable.Range(0, 3).Select(_ => Measure(trees[size])).ToList();
            length[size] = runs[0].Length;
            time[size] = runs.Min(r => r.Milliseconds);
        }

        string report = string.Join("\n", Sizes.Select(s
            => $"{s,5} layers: {length[s],9} chars ({(double)length[s] / s:F0} per layer), {time[s],7:F1} ms"));
        output.WriteLine(report);
        var perLayer = Sizes.Select(s => (double)length[s] / s).ToList();
        Assert.True(perLayer.Max() / perLayer.Min() < 1.5, "Source length per layer is not constant:\n" + report);

        // From 250 to 2,000 layers, linear is a ratio of 8 and quadratic of 64; the bound of 24 leaves a factor of 3
        // for noise on a busy machine (the fastest of three runs is kept) and still fails anything quadratic.
        Assert.True(
            time[2000] / time[250] < 3 * (2000.0 / 250), "Generation time grows faster than linearly:\n" + report);
    }

    [Fact]
    public void Source_length_does_not_grow_with_the_layer_width()
    {
        int Length(int width) => Measure(GeneratorHarness.Parse(
            $"using NetDsl; [Input({width})] [Dense({width}, Act.ReLU)] [Dense({width}, Act.Softmax)] internal partial class Wide {{ }}",
            $"/src/Wide{width}.cs", Settings)).Length;

        int narrow = Length(16), wide = Length(1000);
        output.WriteLine($"16 → 16 → 16: {narrow} chars; 1000 → 1000 → 1000: {wide} chars");

        // Only the digits of the sizes differ: a few characters per mention, never a line per unit.
        Assert.True(
            wide < narrow * 1.05, $"A 1000-wide network's source ({wide} chars) outgrows a 16-wide one's ({narrow}).");
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

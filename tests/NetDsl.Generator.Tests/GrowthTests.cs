using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generated source grows by a roughly constant amount per layer and not at all with the layers' width: a
/// per-neuron unrolling or a per-layer repetition of earlier layers would fail it. The bytes the generator allocates
/// grow by a roughly constant amount per layer too, which stands in for its time: work that grows with the square of
/// the layer count almost always allocates (a string rebuilt, a list copied, a lookup re-run per layer). Sizes and
/// bytes only; the generator's time is measured by benchmarks/NetDsl.Generator.Benchmarks, since a clock in a unit test
/// fails on a busy machine.
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

    [Fact]
    public void Allocations_grow_linearly_with_the_layer_count()
    {
        // One run first, so that one-time costs (the JIT's, static caches, the reference assemblies' symbols) fall
        // outside the measurements. What each run still pays once (a new compilation's declarations, the driver)
        // cancels in the differences: the bytes each added layer costs, from 250 to 500 layers and on to 2,000.
        AllocatedBytes(Sizes[0]);
        var bytes = Sizes.ToDictionary(size => size, AllocatedBytes);
        var steps = Sizes.Zip(Sizes.Skip(1), (from, to) => (From: from, To: to,
            PerLayer: (double)(bytes[to] - bytes[from]) / (to - from))).ToList();

        string report = string.Join(
                "\n", Sizes.Select(s => $"{s,5} layers: {bytes[s],12:N0} bytes ({bytes[s] / s:N0} per layer)"))
            + "\n" + string.Join(
                "\n", steps.Select(step => $"{step.From,5} → {step.To,5}: {step.PerLayer:N0} bytes per added layer"));
        output.WriteLine(report);

        // A quadratic term q·n² adds 3·q·n per layer between n and 2n layers: four times as much from 1,000 to 2,000 as
        // from 250 to 500. The three figures agree within 1 % here (about 54 kB a layer); the 10 % allowed leaves
        // room for lists that double their capacity and Roslyn's pooled objects, and still fails when each layer
        // copies a list of the layers before it (8 bytes per earlier layer, 13 % of the 2,000-layer run's bytes: a
        // factor of 1.16). Totals per layer would hide that: the fixed cost, about 1.7 MB, lifts 250 layers' figure
        // by as much as the quadratic term lifts 2,000's. A quadratic loop that allocates nothing goes unseen here.
        double ratio = steps.Max(step => step.PerLayer) / steps.Min(step => step.PerLayer);
        Assert.True(ratio < 1.1, $"The bytes allocated per added layer vary by a factor of {ratio:F2}:\n" + report);
    }

    /// <summary>The bytes the generator allocates on this thread to run on a deep network of <paramref name="layers"/>
    /// layers, in a single-threaded compilation, so that no work moves to a thread the count would miss.</summary>
    private static long AllocatedBytes(int layers)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Settings)
            .WithOptions(Settings.CompilationOptions.WithConcurrentBuild(false))
            .AddSyntaxTrees(GeneratorHarness.Parse(DeepNetworks.Source(layers), $"/src/Net{layers}.cs", Settings));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()], parseOptions: Settings.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));

        long before = GC.GetAllocatedBytesForCurrentThread();
        driver = driver.RunGenerators(compilation);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        return allocated;
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

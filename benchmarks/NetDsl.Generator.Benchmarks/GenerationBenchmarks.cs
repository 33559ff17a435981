using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Benchmarks;

/// <summary>
/// One generator run, as a build makes it, on networks of 250 to 2,000 layers: a fresh compilation each time, so that
/// the attributes are bound anew, and a fresh driver, so that nothing is cached. Linear growth is a ratio of 2, 4 and
/// 8 to the 250-layer run; a quadratic step (a scan over every layer per layer, a string rebuilt per layer) would show
/// 4, 16 and 64.
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>The compilation every run derives from: one made from another with the same references reuses their
    /// bound metadata, which a build has loaded before any generator runs.</summary>
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create(
        "UserAssembly",
        references: [.. Basic.Reference.Assemblies.Net100.References.All, Reference(typeof(InputAttribute))],
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions:
            NullableContextOptions.Enable));

    private readonly Dictionary<int, SyntaxTree> _networks = [];

    [GlobalSetup]
    public void Setup()
    {
        foreach (int layers in (int[])[250, 500, 1000, 2000])
        {
            _networks[layers] = CSharpSyntaxTree.ParseText(
                DeepNetworks.Source(layers), ParseOptions, $"/src/Deep{layers}.cs");
            GeneratorRunResult result = Run(_networks[layers]);
            if (result.Exception is not null || !result.Diagnostics.IsEmpty || result.GeneratedSources.Length != 1)
            {
                throw new InvalidOperationException(
                    $"The {layers}-layer network did not generate one clean source: {result.Exception}"
                    + string.Join("\n", result.Diagnostics));
            }
        }
    }

    [Benchmark(Baseline = true)]
    public int Layers250() => Length(Run(_networks[250]));

    [Benchmark]
    public int Layers500() => Length(Run(_networks[500]));

    [Benchmark]
    public int Layers1000() => Length(Run(_networks[1000]));

    [Benchmark]
    public int Layers2000() => Length(Run(_networks[2000]));

    private static GeneratorRunResult Run(SyntaxTree network)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        return driver.RunGenerators(Empty.AddSyntaxTrees(network)).GetRunResult().Results.Single();
    }

    // The length of the one generated file: a result the benchmark returns, so that no run can be skipped.
    private static int Length(GeneratorRunResult result) => result.GeneratedSources.Single().SourceText.Length;

    private static MetadataReference Reference(Type type) => MetadataReference.CreateFromFile(type.Assembly.Location);
}

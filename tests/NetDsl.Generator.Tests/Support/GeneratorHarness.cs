using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetDsl.Generator.Analysis;

namespace NetDsl.Generator.Tests.Support;

/// <summary>
/// Drives the generator and the analyzer the way the compiler does, on compilations built from source strings against
/// the .NET 10 reference assemblies and the NetDsl runtime. No implicit usings: a test source says what it uses.
/// </summary>
internal static class GeneratorHarness
{
    internal static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(InputAttribute).Assembly.Location),
    ];

    /// <summary>Every compilation of the tests derives from this empty one: a compilation made from another with the
    /// same references reuses its bound reference assemblies, which binding ~170 of them anew would cost a second.
    /// </summary>
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("UserAssembly", references: References);

    /// <summary>The path a test source gets: distinct per index, so that every location names one tree.</summary>
    public static string SourcePath(int index) => $"/src/Source{index}.cs";

    public static CSharpCompilation Compile(params string[] sources) => Compile(BuildSettings.Strict, sources);

    public static CSharpCompilation Compile(BuildSettings settings, params string[] sources)
        => Empty
            .WithOptions(settings.CompilationOptions)
            .AddSyntaxTrees(sources.Select(
                (source, index) => CSharpSyntaxTree.ParseText(source, settings.ParseOptions, SourcePath(index))));

    public static SyntaxTree Parse(string source, string path, BuildSettings? settings = null)
        => CSharpSyntaxTree.ParseText(source, (settings ?? BuildSettings.Strict).ParseOptions, path);

    /// <summary>A driver that records every incremental step, with the parse options generated trees must share with
    /// the user's (documentation mode included, so that generated doc comments are checked too).</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions)
        => CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(BuildSettings settings, params string[] sources) => Run(Compile(settings, sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
        => Run(CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options), compilation);

    /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) on <paramref name="compilation"/>.
    /// </summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(compilation, output, driver, result, driverDiagnostics);
    }

    /// <summary>The analyzer's diagnostics on <paramref name="compilation"/>; fails the test on any exception the
    /// analyzer throws (which the compiler would otherwise turn into an AD0001 warning).</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, _, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add(exception);
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = compilation
            .WithAnalyzers([new NetworkAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(exceptions.Count == 0, "The analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>Generator and compiler diagnostics that a build shows (hidden ones left out).</summary>
    public static IEnumerable<Diagnostic> Visible(this IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden);

    public static string Describe(this IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d.ToString()));
}

/// <summary>What one generator run produced.</summary>
/// <param name="Input">The compilation the generator ran on.</param>
/// <param name="Output">That compilation with the generated trees added.</param>
/// <param name="Driver">The driver after the run, to run again incrementally.</param>
/// <param name="Result">The generator's result: sources, diagnostics, tracked steps, exception.</param>
/// <param name="DriverDiagnostics">Everything the driver reported, the generator's diagnostics and any CS8785
/// "generator failed" warning.</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input, Compilation Output, GeneratorDriver Driver, GeneratorRunResult Result,
    ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public IEnumerable<string> HintNames => Sources.Select(s => s.HintName);

    /// <summary>The diagnostics of the compilation with the generated code: the user's and the generated code's.
    /// </summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics();

    /// <summary>Every diagnostic a build would show: the generator's and the compiler's.</summary>
    public IEnumerable<Diagnostic> AllDiagnostics => DriverDiagnostics.Concat(CompilationDiagnostics).Visible();

    public string Source(string hintName)
    {
        GeneratedSourceResult? found =
            Sources.Cast<GeneratedSourceResult?>().FirstOrDefault(s => s!.Value.HintName == hintName);
        Assert.True(found is not null, $"No source '{hintName}' was generated; got: {string.Join(", ", HintNames)}");
        return found.Value.SourceText.ToString();
    }

    public string SingleSource
    {
        get
        {
            Assert.True(
                Sources.Length == 1,
                $"Expected one generated source, got {Sources.Length}: {string.Join(", ", HintNames)}");
            return Sources[0].SourceText.ToString();
        }
    }

    /// <summary>Fails unless the generator ran to completion: no exception and no CS8785.</summary>
    public GeneratorRun AssertDidNotThrow()
    {
        Assert.True(Result.Exception is null, "The generator threw: " + Result.Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id == "CS8785");
        return this;
    }

    /// <summary>Fails unless the build is clean: the generator raised nothing, and the compilation with the generated
    /// code has no warning and no error.</summary>
    public GeneratorRun AssertClean()
    {
        AssertDidNotThrow();
        List<Diagnostic> shown = AllDiagnostics.ToList();
        Assert.True(shown.Count == 0, "Expected a clean build, got:\n" + shown.Describe());
        return this;
    }
}

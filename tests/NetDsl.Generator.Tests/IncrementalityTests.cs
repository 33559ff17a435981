using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generator's caching: an edit that does not touch a network leaves every named step Cached or Unchanged (so
/// nothing is re-emitted while the user types elsewhere), an edit to a network regenerates it, and no step's output
/// holds anything that would pin a compilation in memory or compare by reference.
/// </summary>
public sealed class IncrementalityTests
{
    /// <summary>Every step name the generator declares, read from TrackingNames so that a new step is covered too.
    /// </summary>
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    /// <summary>A valid network, a broken one, an orphan layer and a [Grid] family: every step has outputs.</summary>
    private const string Networks = """
        using NetDsl;

        namespace Samples;

        [Input(784)]
        [Dense(128, Init.He, Act.ReLU)]
        [Dense(10, Init.Xavier, Act.Softmax)]
        internal partial class FashionNet { }

        [Input(3)]
        [Dense(4, Act.Softmax)]
        [Dense(2, Act.Linear)]
        internal partial class Broken { }

        [Dense(2, Act.ReLU)]
        internal partial class Orphan { }

        [Input(5)]
        [Dense(4)]
        [Dense(2, Init.Xavier, Act.Softmax)]
        [Grid(new[] { Init.He, Init.LeCunNormal }, new[] { Act.ReLU, Act.Tanh })]
        internal static partial class Family { }

        internal static class Helpers
        {
            public static int Answer() => 42;
        }
        """;

    private const string Unrelated = """
        namespace Samples;

        internal static class Elsewhere
        {
            public static int Value() => 1;
        }
        """;

    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    [Fact]
    public void The_tracked_steps_are_the_ones_the_tests_know()
    {
        string[] expected = ["Errors", "Families", "HintNames", "OrphanLayers", "Parse", "Specs"];
        Assert.Equal(expected, StepNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(
            GeneratorHarness.Parse("namespace Samples; internal static class Added { }", "/src/Added.cs", Settings)));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Editing_a_method_body_in_another_file_leaves_every_step_cached()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.SourcePath(1));

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(
            old, old.WithChangedText(SourceText.From(Unrelated.Replace("=> 1;", "=> 2 + 3;")))));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Editing_a_method_body_after_the_networks_in_their_own_file_leaves_every_output_unchanged()
    {
        // The file is parsed again, but every model compares equal: the steps report Unchanged and nothing is emitted.
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.SourcePath(0));

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(
            old, old.WithChangedText(SourceText.From(Networks.Replace("=> 42;", "=> 6 * 7;")))));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Running_again_on_a_cloned_compilation_leaves_every_step_cached()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void Changing_a_layer_width_regenerates_the_network()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.SourcePath(0));

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(
            old,
            old.WithChangedText(SourceText.From(
                Networks.Replace("[Dense(128, Init.He, Act.ReLU)]", "[Dense(64, Init.He, Act.ReLU)]")))));

        Assert.Contains(Reasons(second, TrackingNames.Specs), reason => reason == IncrementalStepRunReason.Modified);
        string before = first.Source("Samples.FashionNet.g.cs");
        string after = second.Source("Samples.FashionNet.g.cs");
        Assert.NotEqual(before, after);
        Assert.Contains("public const int ParameterCount = 101770;", before); // 784·128 + 128 + 128·10 + 10
        Assert.Contains("public const int ParameterCount = 50890;", after);   // 784·64 + 64 + 64·10 + 10
    }

    [Fact]
    public void Changing_a_slope_from_zero_to_negative_zero_regenerates_the_network()
    {
        // 0.0 and -0.0 are equal as doubles but are different literals in the generated code, so the models must
        // differ: an equal model would leave the old source in place.
        const string before = """
            using NetDsl;
            [Input(3)] [Dense(4, Act.LeakyReLU, Alpha = 0.0)] [Dense(1, Act.Linear)] internal partial class Leaky { }
            """;
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(before);
        SyntaxTree old = compilation.SyntaxTrees.Single();

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(
            old, old.WithChangedText(SourceText.From(before.Replace("Alpha = 0.0", "Alpha = -0.0")))));

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.Specs));
        Assert.Contains("TSimd.Create(0F)", first.SingleSource);
        Assert.Contains("TSimd.Create(-0F)", second.SingleSource);
    }

    [Fact]
    public void Fixing_an_error_generates_the_network_and_clears_the_error()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks);
        SyntaxTree old = compilation.SyntaxTrees.Single();

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(
            old,
            old.WithChangedText(SourceText.From(Networks.Replace("[Dense(4, Act.Softmax)]", "[Dense(4, Act.Tanh)]")))));

        Assert.Contains(first.GeneratorDiagnostics, d => d.Id == "NDSL0008");
        Assert.DoesNotContain(second.GeneratorDiagnostics, d => d.Id == "NDSL0008");
        Assert.Contains("Samples.Broken.g.cs", second.HintNames);
        Assert.Contains(Reasons(second, TrackingNames.Errors), reason => reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void No_step_output_holds_a_symbol_a_syntax_node_or_a_compilation()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun(Networks, Unrelated);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        var found = new List<string>();
        int outputs = 0;
        foreach (GeneratorRun run in new[] { first, second })
        {
            foreach (string name in StepNames)
            {
                foreach (IncrementalGeneratorRunStep step in run.Result.TrackedSteps[name])
                {
                    foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                    {
                        outputs++;
                        found.AddRange(StepOutputWalker.FindForbidden(value, name));
                    }
                }
            }

            foreach ((string kind, var steps) in run.Result.TrackedOutputSteps)
            {
                foreach ((object value, IncrementalStepRunReason _) in steps.SelectMany(s => s.Outputs))
                {
                    found.AddRange(StepOutputWalker.FindForbidden(value, kind));
                }
            }
        }

        Assert.True(
            outputs >= 8, $"Only {outputs} outputs were walked: the test models no longer exercise every step.");
        Assert.True(found.Count == 0, "Step outputs hold compilation objects:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_walker_finds_what_it_looks_for()
    {
        // The guard for the test above: a walker that finds nothing would pass it vacuously.
        CSharpCompilation compilation = GeneratorHarness.Compile(Settings, "class C { void M() { } }");
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxNode method = tree.GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
        var planted = new
        {
            Name = "fine",
            Deep = new object[] { 1, new[] { new { Symbol = (object)compilation.GetTypeByMetadataName("C")! } } },
            Where = method.GetLocation(),
            Elsewhere = Location.Create("/src/x.cs", new TextSpan(0, 1), new LinePositionSpan(default, default)),
            Nowhere = Location.None,
            Node = (object)method,
            Token = method.GetFirstToken(),
            Model = compilation.GetSemanticModel(tree),
            Compilation = compilation,
        };

        List<string> found = StepOutputWalker.FindForbidden(planted, "planted");

        Assert.Equal(6, found.Count);
        Assert.Contains(found, f => f.Contains("a symbol", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("a source location", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("a syntax node", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("a syntax token", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("a semantic model", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("a compilation", StringComparison.Ordinal));
    }

    private static (GeneratorRun Run, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Settings, sources);
        GeneratorRun run =
            GeneratorHarness.Run(GeneratorHarness.CreateDriver(Settings.ParseOptions), compilation).AssertDidNotThrow();
        return (run, compilation);
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRun run, string step)
        => run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    /// <summary>Every named step has outputs and each is Cached or Unchanged, the emitted sources are the same, and so
    /// are the diagnostics.</summary>
    private static void AssertNothingRegenerated(GeneratorRun first, GeneratorRun second)
    {
        second.AssertDidNotThrow();
        foreach (string name in StepNames)
        {
            Assert.True(second.Result.TrackedSteps.ContainsKey(name), $"Step {name} did not run.");
            List<IncrementalStepRunReason> reasons = Reasons(second, name);
            Assert.True(reasons.Count > 0, $"Step {name} has no outputs: the test models no longer exercise it.");
            Assert.True(
                reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
                $"Step {name} recomputed its outputs: {string.Join(", ", reasons)}");
        }

        foreach ((string kind, var steps) in second.Result.TrackedOutputSteps)
        {
            var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.True(
                reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
                $"Output {kind} ran again: {string.Join(", ", reasons)}");
        }

        Assert.Equal(
            first.Sources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.Equal(
            first.GeneratorDiagnostics.Select(d => d.ToString()),
            second.GeneratorDiagnostics.Select(d => d.ToString()));
    }
}

using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Valid declarations at the edges of what the emitter handles. The rule they check is the generator's promise:
/// a declaration either gets a NetDsl error on the user's own text, or generated code that compiles. No build should
/// ever fail inside a generated file.
/// </summary>
public sealed class EmitterEdgeTests
{
    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    [Fact]
    public void A_layer_whose_parameters_fit_but_whose_work_rows_overflow_an_int_is_rejected_or_compiles()
    {
        // 30,000,000 units from one input: 60 million parameters, well under the array limit, but the forward pass's
        // work buffer of 2 · ChunkRows · MaxStride = 2 · 48 · 30,000,000 floats is not (it once overflowed as CS0220 in
        // the generated file; it must be NDSL0005 on the attribute).
        const string source = "using NetDsl; [Input(1)] [Dense(30000000, Act.ReLU)] internal partial class Wide { }";

        AssertErrorOnUserTextOrCleanGeneratedCode(GeneratorHarness.Run(Settings, source));
    }

    [Fact]
    public void A_network_named_like_a_private_member_of_the_generated_code_is_rejected_or_compiles()
    {
        // A member cannot have its type's name (CS0542). The user cannot know the emitter's private helper names.
        var failures = new List<string>();
        foreach (string name in new[] { "Run", "Draw", "Pack", "Unpack", "CreateStorage", "RequireLength" })
        {
            string source = $"using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] internal partial class {name} {{ }}";
            GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();
            List<Diagnostic> inGenerated = ErrorsInGeneratedCode(run);
            if (inGenerated.Count > 0 && run.GeneratorDiagnostics.IsEmpty)
            {
                failures.Add($"{name}:\n{inGenerated.Describe()}");
            }
        }

        Assert.True(
            failures.Count == 0, "Generated code fails to compile for networks named:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Layers_that_differ_only_in_the_sign_of_a_zero_slope_keep_their_own_slope()
    {
        // Layers 1 and 2 have the same widths and activation; their slopes are -0.0 and 0.0. Equal as numbers, but
        // LeakyReLU(x) = x·α gives -0 or +0 for negative x: each kernel must use its own layer's literal, so the kernel
        // plan keys slopes by their bits (keyed by value, layer 2 once shared layer 1's kernel and its -0F).
        const string source = """
            using NetDsl;
            [Input(8)]
            [Dense(8, Act.LeakyReLU, Alpha = 0.5)]
            [Dense(8, Act.LeakyReLU, Alpha = -0.0)]
            [Dense(8, Act.LeakyReLU, Alpha = 0.0)]
            internal partial class Signs { }
            """;

        string generated = GeneratorHarness.Run(Settings, source).AssertClean().SingleSource;

        Assert.Contains("TSimd.Create(-0F)", generated);
        Assert.Contains("TSimd.Create(0F)", generated);
    }

    private static void AssertErrorOnUserTextOrCleanGeneratedCode(GeneratorRun run)
    {
        run.AssertDidNotThrow();
        List<Diagnostic> inGenerated = ErrorsInGeneratedCode(run);
        bool rejected = run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(
            rejected || inGenerated.Count == 0,
            "No NetDsl error, and the generated code does not compile:\n" + inGenerated.Describe());
    }

    private static List<Diagnostic> ErrorsInGeneratedCode(GeneratorRun run)
    {
        var generated = run.Sources.Select(s => s.SyntaxTree).ToHashSet();
        return run.CompilationDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error
                && d.Location.SourceTree is { } tree
                && generated.Contains(tree))
            .ToList();
    }
}

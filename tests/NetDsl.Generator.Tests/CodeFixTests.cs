using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using NetDsl.CodeFixes;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The code fix behind NDSL1001-NDSL1005, run as the IDE runs it: in a workspace, from the analyzer's diagnostic, to
/// the changed document. It swaps the initializer for the suggested one and keeps however the user wrote the enum.
/// </summary>
public sealed class CodeFixTests
{
    private const string DocumentPath = "/src/Net.cs";

    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    [Theory]
    [InlineData(
        "NDSL1002",
        "[Dense(64, Init.He, Act.Tanh)]",
        "[Dense(64, Init.GlorotNormal, Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, Init.HeUniform, Act.Sigmoid)]",
        "[Dense(64, Init.GlorotUniform, Act.Sigmoid)]",
        "GlorotUniform")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, NetDsl.Init.He, Act.Tanh)]",
        "[Dense(64, NetDsl.Init.GlorotNormal, Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, global::NetDsl.Init.HeNormal, Act.Tanh)]",
        "[Dense(64, global::NetDsl.Init.GlorotNormal, Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, Init.He /* from the paper */, Act.Tanh)]",
        "[Dense(64, Init.GlorotNormal /* from the paper */, Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, (Init)9, Act.Tanh)]",
        "[Dense(64, global::NetDsl.Init.GlorotNormal, Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(64, activation: Act.Tanh, init: Init.He)]",
        "[Dense(64, activation: Act.Tanh, init: Init.GlorotNormal)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1002",
        "[Dense(init: Init.He, units: 64, activation: Act.Tanh)]",
        "[Dense(init: Init.GlorotNormal, units: 64, activation: Act.Tanh)]",
        "GlorotNormal")]
    [InlineData(
        "NDSL1001",
        "[Dense(units: 64, activation: Act.Tanh, init: Init.Constant, Value = 0.5)]",
        "[Dense(units: 64, activation: Act.Tanh, init: Init.GlorotUniform)]",
        "GlorotUniform")]
    [InlineData("NDSL1001", "[Dense(64, Init.Zeros, Act.ReLU)]", "[Dense(64, Init.HeNormal, Act.ReLU)]", "HeNormal")]
    [InlineData(
        "NDSL1001",
        "[Dense(64, Init.Constant, Act.Tanh, Value = 0.5)]",
        "[Dense(64, Init.GlorotUniform, Act.Tanh)]",
        "GlorotUniform")]
    [InlineData(
        "NDSL1001",
        "[Dense(64, Init.Constant, Act.Tanh, Bias = 0.1, Value = 0.5)]",
        "[Dense(64, Init.GlorotUniform, Act.Tanh, Bias = 0.1)]",
        "GlorotUniform")]
    [InlineData(
        "NDSL1001",
        "[Dense(64, Init.Orthogonal, Act.Tanh, Gain = 0)]",
        "[Dense(64, Init.GlorotUniform, Act.Tanh)]",
        "GlorotUniform")]
    [InlineData(
        "NDSL1001",
        "[Dense(64, Init.Normal, Act.ReLU, Mean = 1, Std = 1e-9)]",
        "[Dense(64, Init.HeNormal, Act.ReLU)]",
        "HeNormal")]
    [InlineData(
        "NDSL1005",
        "[Dense(64, Init.Normal, Act.LeakyReLU, Mean = 0.1, Alpha = 0.2, Std = 0.02)]",
        "[Dense(64, Init.HeNormal, Act.LeakyReLU, Alpha = 0.2)]",
        "HeNormal")]
    [InlineData(
        "NDSL1003",
        "[Dense(64, Init.Xavier, Act.ReLU)] [Dense(64, Act.ReLU)] [Dense(64, Act.ReLU)]",
        "[Dense(64, Init.HeUniform, Act.ReLU)] [Dense(64, Act.ReLU)] [Dense(64, Act.ReLU)]",
        "HeUniform")]
    [InlineData(
        "NDSL1003",
        "[Dense(64, Init.LeCunNormal, Act.ReLU)] [Dense(64, Act.ReLU)] [Dense(64, Act.ReLU)]",
        "[Dense(64, Init.HeNormal, Act.ReLU)] [Dense(64, Act.ReLU)] [Dense(64, Act.ReLU)]",
        "HeNormal")]
    [InlineData(
        "NDSL1004",
        "[Dense(64, Init.GlorotUniform, Act.SELU)]",
        "[Dense(64, Init.LeCunNormal, Act.SELU)]",
        "LeCunNormal")]
    [InlineData(
        "NDSL1005",
        "[Dense(64, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.1)]",
        "[Dense(64, Init.HeUniform, Act.LeakyReLU, Alpha = 0.1)]",
        "HeUniform")]
    [InlineData("NDSL1005", "[Dense(64, Init.Normal, Act.PReLU)]", "[Dense(64, Init.HeNormal, Act.PReLU)]", "HeNormal")]
    public async Task The_fix_swaps_the_initializer_and_the_warning_goes_away(
        string id, string before, string after, string suggested)
    {
        string source = Network(before, "using NetDsl;");

        (string fixedSource, string title) = await ApplySingleFix(source, id);

        Assert.Equal(Network(after, "using NetDsl;"), fixedSource);
        Assert.Equal($"Use Init.{suggested}", title);
        await AssertFixed(fixedSource, id);
    }

    [Fact]
    public async Task The_fix_keeps_an_alias()
    {
        string source = Network("[Dense(64, I.He, Act.Tanh)]", "using NetDsl; using I = NetDsl.Init;");

        (string fixedSource, _) = await ApplySingleFix(source, "NDSL1002");

        Assert.Equal(
            Network("[Dense(64, I.GlorotNormal, Act.Tanh)]", "using NetDsl; using I = NetDsl.Init;"), fixedSource);
    }

    [Fact]
    public async Task The_fix_writes_a_qualified_name_where_the_user_wrote_a_bare_one()
    {
        // With 'using static', the user wrote just 'He'; the fix does not know the import and spells the name out.
        string source = Network("[Dense(64, He, Act.Tanh)]", "using NetDsl; using static NetDsl.Init;");

        (string fixedSource, _) = await ApplySingleFix(source, "NDSL1002");

        Assert.Equal(
            Network(
                "[Dense(64, global::NetDsl.Init.GlorotNormal, Act.Tanh)]", "using NetDsl; using static NetDsl.Init;"),
            fixedSource);
        await AssertFixed(fixedSource, "NDSL1002");
    }

    [Theory]
    [InlineData("Choices.Hidden")]
    [InlineData("Choices.He")]
    [InlineData("Samples.Choices.Hidden")]
    public async Task The_fix_replaces_a_constant_of_the_users_by_the_enum_member(string written)
    {
        // A constant the user declared is not an Init member: swapping its last name made Choices.GlorotNormal,
        // which does not exist.
        string Source(string init) => $$"""
            using NetDsl;

            namespace Samples;

            internal static class Choices
            {
                public const Init Hidden = Init.He;
                public const Init He = Init.HeNormal;
            }

            [Input(32)]
            [Dense(64, {{init}}, Act.Tanh)]
            [Dense(2, Act.Linear)]
            internal partial class Net { }
            """;

        (string fixedSource, _) = await ApplySingleFix(Source(written), "NDSL1002");

        Assert.Equal(Source("global::NetDsl.Init.GlorotNormal"), fixedSource);
        await AssertFixed(fixedSource, "NDSL1002");
    }

    [Fact]
    public async Task The_fix_keeps_the_layout_of_an_attribute_spread_over_lines()
    {
        const string before = """
            [Dense(
                64,
                Init.He,    // was the default
                Act.Tanh)]
            """;
        const string after = """
            [Dense(
                64,
                Init.GlorotNormal,    // was the default
                Act.Tanh)]
            """;

        (string fixedSource, _) = await ApplySingleFix(Network(before, "using NetDsl;"), "NDSL1002");

        Assert.Equal(Network(after, "using NetDsl;"), fixedSource);
    }

    [Fact]
    public void The_fix_is_offered_for_the_initializer_warnings_only()
    {
        var fix = new SwapInitializerCodeFix();

        Assert.Equal(
            ["NDSL1001", "NDSL1002", "NDSL1003", "NDSL1004", "NDSL1005"],
            fix.FixableDiagnosticIds.Order(StringComparer.Ordinal));
        Assert.NotNull(fix.GetFixAllProvider());
    }

    [Fact]
    public async Task Fix_all_applies_each_warnings_own_suggestion()
    {
        // Two NDSL1002 warnings with different suggestions: Fix All must apply both, not only those that share the
        // first one's suggestion.
        string source =
            Network("[Dense(64, Init.He, Act.Tanh)] [Dense(64, Init.HeUniform, Act.Sigmoid)]", "using NetDsl;");
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze((await document.Project.GetCompilationAsync())!);
        Assert.Equal(2, warnings.Count(d => d.Id == "NDSL1002"));

        var fix = new SwapInitializerCodeFix();
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(
            document, warnings[0], (action, _) => actions.Add(action), CancellationToken.None));
        var context = new FixAllContext(
            document, fix, FixAllScope.Document, Assert.Single(actions).EquivalenceKey, ["NDSL1002"],
            new AnalyzerDiagnostics(warnings), CancellationToken.None);
        CodeAction all = (await fix.GetFixAllProvider().GetFixAsync(context))!;
        var operations = await all.GetOperationsAsync(CancellationToken.None);
        Document changed =
            Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution.GetDocument(document.Id)!;

        string expected = Network(
            "[Dense(64, Init.GlorotNormal, Act.Tanh)] [Dense(64, Init.GlorotUniform, Act.Sigmoid)]", "using NetDsl;");
        Assert.Equal(expected, (await changed.GetTextAsync()).ToString());
    }

    private static string Network(string layers, string usings) => $$"""
        {{usings}}

        namespace Samples;

        [Input(32)]
        {{layers}}
        [Dense(2, Act.Linear)]
        internal partial class Net { }
        """;

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Create(), "User", "User", LanguageNames.CSharp,
                compilationOptions: Settings.CompilationOptions, parseOptions: Settings.ParseOptions,
                metadataReferences: GeneratorHarness.References))
            .AddDocument(DocumentInfo.Create(
                documentId, "Net.cs",
                loader: TextLoader.From(
                    TextAndVersion.Create(SourceText.From(source), VersionStamp.Create(), DocumentPath)),
                filePath: DocumentPath));
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    /// <summary>Finds the one <paramref name="id"/> warning in <paramref name="source"/>, asks the code fix for its
    /// actions, applies the only one and returns the changed text and the action's title.</summary>
    private static async Task<(string Source, string Title)> ApplySingleFix(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(compilation), d => d.Id == id);

        var actions = new List<CodeAction>();
        var context =
            new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new SwapInitializerCodeFix().RegisterCodeFixesAsync(context);

        CodeAction only = Assert.Single(actions);
        var operations = await only.GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return ((await changed.GetTextAsync()).ToString(), only.Title);
    }

    /// <summary>The fixed source compiles with no NetDsl warning at all: the fix neither leaves <paramref name="id"/>
    /// behind nor trades it for another (replacing Constant once left its Value for NDSL1006 to report).</summary>
    private static async Task AssertFixed(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        Compilation compilation = (await CreateDocument(workspace, source).Project.GetCompilationAsync())!;

        ImmutableArray<Diagnostic> remaining = GeneratorHarness.Analyze(compilation);
        Assert.DoesNotContain(remaining, d => d.Id == id);
        Assert.Empty(remaining);
        Assert.Empty(compilation.GetDiagnostics().Visible());
    }

    /// <summary>Serves the analyzer's diagnostics to Fix All, as the IDE does.</summary>
    private sealed class AnalyzerDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(
            Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(
            Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(
            Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}

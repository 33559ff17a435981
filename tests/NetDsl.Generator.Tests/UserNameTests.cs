using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Names a user may declare around a network that the generated code must not trip over: overloads of its methods,
/// a method called <c>nameof</c>, types called like the contextual keywords <c>var</c>, <c>nint</c>, <c>nuint</c>
/// and <c>dynamic</c>, lower-case type names. Each source is valid C# (with CS8981 suppressed where the user's names
/// ask for it), so the build with the generated code must be clean under the strictest settings.
/// </summary>
public sealed class UserNameTests
{
    private const string Layers = "[Input(3)] [Dense(4, Act.ReLU)] [Dense(2, Act.Softmax)]";

    private const string Grid = "[Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)] "
        + "[Grid(new[] { Init.HeNormal }, new[] { Act.ReLU, Act.Tanh })]";

    private const string KeywordTypes = "class var { } class nint { } class nuint { } class dynamic { }";

    [Fact]
    public void A_variant_the_user_marks_obsolete_draws_no_warning_in_the_family_file()
    {
        // The family's Variants list names each variant; an [Obsolete] one drew CS0612 there, out of the user's reach.
        const string source = $$"""
            using NetDsl;

            namespace Samples;

            {{Grid}}
            internal static partial class Lab
            {
                [System.Obsolete] public partial class HeNormalReLU { }
            }
            """;

        GeneratorHarness.Run(source).AssertClean();
    }

    [Fact]
    public void Overloads_of_the_generated_methods_leave_its_doc_references_unambiguous()
    {
        // Docs allow overloads (NDSL0018); a bare cref="ExportParameters" then matches two methods (CS0419).
        const string source = $$"""
            using NetDsl;

            namespace N;

            {{Layers}}
            internal partial class Net
            {
                public void Initialize(int seed) { }
                public void Forward(float[] input) { }
                public void ForwardBatch(float[] inputs) { }
                public int Predict(float[] input) => input.Length;
                public void ExportParameters(float[] destination) { }
                public void ExportParameters<T>(global::System.Span<T> destination) { }
                public void ImportParameters(float[] source) { }
                public void CreateTrainer() { }
            }
            """;

        GeneratorHarness.Run(source).AssertClean();
    }

    [Fact]
    public void Overloads_in_a_base_class_leave_its_doc_references_unambiguous()
    {
        const string source = $$"""
            using NetDsl;

            namespace N;

            internal class Base
            {
                public void ExportParameters(float[] destination) { }
                public void ImportParameters(float[] source) { }
            }

            {{Layers}}
            internal partial class Net : Base { }
            """;

        GeneratorHarness.Run(source).AssertClean();
    }

    [Fact]
    public void Every_doc_reference_to_a_generated_method_names_its_parameters()
    {
        // The two cases above catch today's references; this catches the next one written as a bare name.
        string family = $$"""using NetDsl; namespace N; {{Grid}} internal static partial class Lab { }""";
        GeneratorRun run = GeneratorHarness.Run(Models.FashionNet, family).AssertClean();

        var bare = new List<string>();
        foreach (SyntaxTree tree in run.Sources.Select(s => s.SyntaxTree))
        {
            SemanticModel model = run.Output.GetSemanticModel(tree);
            foreach (NameMemberCrefSyntax cref in tree.GetRoot()
                .DescendantNodes(descendIntoTrivia: true).OfType<NameMemberCrefSyntax>())
            {
                if (cref.Parameters is null && model.GetSymbolInfo(cref).Symbol is IMethodSymbol)
                {
                    bare.Add($"{tree.FilePath}({cref.GetLocation().GetLineSpan().StartLinePosition}): {cref}");
                }
            }
        }

        Assert.True(bare.Count == 0, "Method references without parameter types:\n" + string.Join("\n", bare));
    }

    /// <summary>A method named <c>nameof</c> turns every <c>nameof(x)</c> in its scope into a call to it.</summary>
    public static TheoryData<string> InheritedTypesNamedLikeTheNetwork => new()
    {
        // Inside the network, its own simple name found the base class's nested type: the trainer's field, its
        // constructor's parameter and its doc reference named B.Net, and nothing compiled.
        $"using NetDsl; namespace N; internal class B {{ public class Net {{ }} }} "
            + $"{Layers} internal partial class Net : B {{ }}",
        $"using NetDsl; internal class B {{ public class Net {{ }} }} {Layers} internal partial class Net : B {{ }}",
        $"using NetDsl; internal class B {{ protected internal class Net {{ }} }} "
            + $"internal partial class Outer {{ {Layers} internal partial class Net : B {{ }} }}",

        // A variant extended with a base class of its own: the same, one level down.
        $$"""
            using NetDsl;
            namespace N;
            internal class B { public class HeNormalReLU { } }
            {{Grid}}
            internal static partial class Lab
            {
                public partial class HeNormalReLU : B { }
            }
            """,
    };

    [Theory]
    [MemberData(nameof(InheritedTypesNamedLikeTheNetwork))]
    public void A_base_class_type_named_like_the_network_leaves_the_generated_code_valid(string source)
        => GeneratorHarness.Run(source).AssertClean();

    public static TheoryData<string> NameofMethods => new()
    {
        $$"""using NetDsl; namespace N; {{Layers}} partial class Net { static string nameof(int x) => ""; }""",
        $$"""
            using NetDsl; namespace N;
            partial class Outer { static string nameof(int x) => ""; {{Layers}} partial class Net { } }
            """,
        $$"""using NetDsl; namespace N; {{Grid}} static partial class Lab { static string nameof(int x) => ""; }""",
    };

    [Theory]
    [MemberData(nameof(NameofMethods))]
    public void A_method_named_nameof_around_the_network_leaves_the_generated_code_valid(string source)
        => GeneratorHarness.Run(source).AssertClean();

    /// <summary>A type named <c>var</c>, <c>nint</c>, <c>nuint</c> or <c>dynamic</c> takes the keyword's place wherever
    /// it is in scope: in the namespace, in a containing type, in the network or the family itself (the network itself
    /// so named is among the lower-case names below).</summary>
    public static TheoryData<string> KeywordTypeSources => new()
    {
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            namespace N { {{KeywordTypes}} }
            namespace N { {{Layers}} partial class Net { } }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            {{KeywordTypes}}
            namespace N { {{Layers}} partial class Net { } }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            partial class Outer { {{KeywordTypes}} {{Layers}} partial class Net { } }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            {{Layers}} partial class Net { {{KeywordTypes}} }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            {{Grid}} static partial class Lab { {{KeywordTypes}} }
            """,
    };

    [Theory]
    [MemberData(nameof(KeywordTypeSources))]
    public void Types_named_like_contextual_keywords_leave_the_generated_code_valid(string source)
        => GeneratorHarness.Run(source).AssertClean();

    /// <summary>Lower-case type names draw CS8981 on every declaration, the generated one included, where the
    /// user's pragma does not reach. The names double as keywords the generated code could stumble on.</summary>
    public static TheoryData<string> LowerCaseSources => new()
    {
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            namespace N;
            partial class partial
            {
                partial class global { partial struct dynamic { {{Layers}} partial class net { } } }
            }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl;
            namespace N;
            partial class outer { {{Grid}} static partial class lab { } }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl; namespace N; {{Layers}} partial class var { }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl; namespace N; {{Layers}} partial class nint { }
            """,
        $$"""
            #pragma warning disable CS8981
            using NetDsl; namespace N; {{Layers}} partial class nameof { }
            """,
    };

    [Theory]
    [MemberData(nameof(LowerCaseSources))]
    public void Lower_case_type_names_draw_no_warning_in_the_generated_file(string source)
        => GeneratorHarness.Run(source).AssertClean();
}

using NetDsl.Generator.Model;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Wherever a network is declared, the generated part lands in the same place: the same namespace, every containing
/// type re-declared with its own keyword, and a hint name unique to the type.
/// </summary>
public sealed class NamespaceShapeTests
{
    private const string Layers = "[Input(3)] [Dense(4, Act.ReLU)] [Dense(2, Act.Softmax)]";

    /// <summary>Each case: the declaration, the expected hint name, and the lines the generated file must contain
    /// (its namespace and container declarations, in order).</summary>
    public static TheoryData<string, string, string[]> Shapes => new()
    {
        {
            $$"""using NetDsl; {{Layers}} partial class GlobalNet { }""",
            "GlobalNet.g.cs",
            ["partial class GlobalNet : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace Samples.Deep; {{Layers}} internal sealed partial class FileScoped { }""",
            "Samples.Deep.FileScoped.g.cs",
            ["namespace Samples.Deep", "partial class FileScoped : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace A { namespace B.C { {{Layers}} partial class Blocks { } } }""",
            "A.B.C.Blocks.g.cs",
            ["namespace A.B.C", "partial class Blocks : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial class Outer { {{Layers}} private partial class InClass { } }""",
            "N.Outer+InClass.g.cs",
            ["namespace N", "partial class Outer", "partial class InClass : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial struct Outer { {{Layers}} internal partial class InStruct { } }""",
            "N.Outer+InStruct.g.cs",
            ["partial struct Outer", "partial class InStruct : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; readonly ref partial struct Outer { {{Layers}} internal partial class InRefStruct { } }""",
            "N.Outer+InRefStruct.g.cs",
            ["partial struct Outer", "partial class InRefStruct : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial record Outer(int Id) { {{Layers}} internal partial class InRecord { } }""",
            "N.Outer+InRecord.g.cs",
            ["partial record Outer", "partial class InRecord : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial record class Outer { {{Layers}} internal partial class InRecordClass { } }""",
            "N.Outer+InRecordClass.g.cs",
            ["partial record Outer", "partial class InRecordClass : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial record struct Outer(int Id) { {{Layers}} internal partial class InRecordStruct { } }""",
            "N.Outer+InRecordStruct.g.cs",
            ["partial record struct Outer", "partial class InRecordStruct : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; partial interface IOuter { {{Layers}} internal partial class InInterface { } }""",
            "N.IOuter+InInterface.g.cs",
            ["partial interface IOuter", "partial class InInterface : global::NetDsl.INetwork"]
        },
        {
            $$"""using NetDsl; namespace N; static partial class A { partial struct B { partial record C { """
                + $$"""partial record struct D { {{Layers}} partial class Deep { } } } } }""",
            "N.A+B+C+D+Deep.g.cs",
            [
                "namespace N", "partial class A", "partial struct B", "partial record C", "partial record struct D",
                "partial class Deep : global::NetDsl.INetwork",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_generated_part_is_declared_where_the_network_is(
        string source, string hintName, string[] declarations)
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertClean();

        Assert.Equal([hintName], run.HintNames);
        string[] lines = run.SingleSource.Split('\n').Select(line => line.Trim()).ToArray();
        int previous = -1;
        foreach (string declaration in declarations)
        {
            int at = Array.IndexOf(lines, declaration, previous + 1);
            Assert.True(at > previous, $"'{declaration}' is missing or out of order in:\n{run.SingleSource}");
            previous = at;
        }
    }

    [Fact]
    public void Networks_of_one_name_in_different_places_get_distinct_files_and_all_compile()
    {
        const string sameNames = $$"""
            using NetDsl;

            {{Layers}} partial class Net { }

            namespace First
            {
                {{Layers}} partial class Net { }

                partial class Holder { {{Layers}} partial class Net { } }

                partial struct Other { {{Layers}} partial class Net { } }
            }

            namespace Second
            {
                {{Layers}} partial class Net { }

                partial class Holder { {{Layers}} partial class Net { } }
            }

            namespace First.Holder2
            {
                {{Layers}} partial class Net { }
            }

            namespace First
            {
                partial class Holder2x { {{Layers}} partial class Net { } }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(sameNames).AssertClean();

        Assert.Equal(
            [
                "First.Holder+Net.g.cs", "First.Holder2.Net.g.cs", "First.Holder2x+Net.g.cs", "First.Net.g.cs",
                "First.Other+Net.g.cs", "Net.g.cs", "Second.Holder+Net.g.cs", "Second.Net.g.cs",
            ],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_distinct_files_and_all_compile()
    {
        // Roslyn compares hint names ignoring case, so 'A.Net' and 'A.NET' once made AddSource throw and the generator
        // fail for the whole project (CS8785). Networks, a namespace spelled two ways, and a family beside a network.
        const string caseVariants = $$"""
            using NetDsl;

            namespace A
            {
                {{Layers}} partial class Net { }

                {{Layers}} partial class NET { }

                {{Layers}} partial class nEt { }

                [Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)]
                [Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })]
                static partial class Lab { }
            }

            namespace a
            {
                {{Layers}} partial class Net { }

                {{Layers}} partial class lAb { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(caseVariants).AssertClean();

        Assert.Equal(
            ["A.Lab.g.cs", "A.NET.g.cs", "A.Net.2.g.cs", "A.nEt.3.g.cs", "a.Net.4.g.cs", "a.lAb.2.g.cs"],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_namespace_and_a_containing_type_of_the_same_path_get_distinct_hint_names()
    {
        // Namespace N.M and class M in namespace N cannot both exist in one compilation, but across the projects of a
        // solution they can: '.' and '+' keep the file names apart.
        var inNamespace = new NetworkSpec(
            "N.M", EquatableArray<ContainerSpec>.Empty, "Net", "class", 1, EquatableArray<LayerSpec>.Empty,
            LossKind.Auto);
        var inType = inNamespace with
        {
            Namespace = "N", Containers = new[] { new ContainerSpec("class", "M") }.ToEquatableArray(),
        };

        Assert.Equal("N.M.Net.g.cs", inNamespace.HintName);
        Assert.Equal("N.M+Net.g.cs", inType.HintName);
    }

    [Fact]
    public void Keywords_used_as_names_with_an_at_sign_generate_a_valid_file()
    {
        // @event, @class and @int are ordinary names to C#; the generated code must escape them too, and a hint name
        // cannot hold '@'.
        const string source = $$"""
            using NetDsl;

            namespace @event.Models;

            partial class @class
            {
                {{Layers}} partial class @int { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source).AssertClean();

        Assert.Equal(["event.Models.class+int.g.cs"], run.HintNames);
        Assert.Contains("partial class @int : global::NetDsl.INetwork", run.SingleSource);
    }
}

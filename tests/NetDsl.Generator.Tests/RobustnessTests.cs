using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generator never throws, whatever it is fed: half-typed attributes, wrong argument types, syntax errors,
/// attributes in the wrong place, a type that defines NetDsl's attribute names itself, thousands of layers. A throw
/// would surface as CS8785 and take every network of the project down with it. Where the input is wrong, the user
/// sees why: a compiler error or a NetDsl one.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    /// <summary>Each case: a name, a diagnostic id the build must show, and the source.</summary>
    public static TheoryData<string, string, string> Malformed => new()
    {
        {
            "Dense with only units outside a grid",
            "NDSL0016",
            "using NetDsl; [Input(3)] [Dense(128)] partial class Net { }"
        },
        { "Dense with no arguments", "CS1729", "using NetDsl; [Input(3)] [Dense()] partial class Net { }" },
        { "Dense with no argument list", "CS1729", "using NetDsl; [Input(3)] [Dense] partial class Net { }" },
        { "Input with no arguments", "CS7036", "using NetDsl; [Input] [Dense(2, Act.ReLU)] partial class Net { }" },
        {
            "Input with two arguments",
            "CS1729",
            "using NetDsl; [Input(3, 4)] [Dense(2, Act.ReLU)] partial class Net { }"
        },
        { "units as a string", "CS1503", """using NetDsl; [Input(3)] [Dense("8", Init.He, Act.ReLU)] partial class Net { }""" },
        { "input size as a double", "CS1503", "using NetDsl; [Input(4.5)] [Dense(2, Act.ReLU)] partial class Net { }" },
        {
            "init and activation swapped",
            "CS1503",
            "using NetDsl; [Input(3)] [Dense(8, Act.ReLU, Init.He)] partial class Net { }"
        },
        { "activation as null", "CS1503", "using NetDsl; [Input(3)] [Dense(8, null)] partial class Net { }" },
        { "activation as an int", "CS1503", "using NetDsl; [Input(3)] [Dense(8, 3)] partial class Net { }" },
        { "Alpha as a string", "CS0029", """using NetDsl; [Input(3)] [Dense(8, Act.LeakyReLU, Alpha = "x")] partial class Net { }""" },
        {
            "unknown named argument",
            "CS0246",
            "using NetDsl; [Input(3)] [Dense(8, Act.ReLU, Slope = 1)] partial class Net { }"
        },
        { "misspelled enum member", "CS0117", "using NetDsl; [Input(3)] [Dense(8, Act.Relu)] partial class Net { }" },
        {
            "non-constant size",
            "CS0120",
            "using NetDsl; [Input(3)] [Dense(Size, Act.ReLU)] partial class Net { int Size = 3; }"
        },
        {
            "non-constant static size",
            "CS0182",
            "using NetDsl; [Input(Net.Size)] [Dense(2, Act.ReLU)] partial class Net { public static int Size = 3; }"
        },
        {
            "undefined activation far out",
            "NDSL0006",
            "using NetDsl; [Input(3)] [Dense(8, (Act)int.MaxValue)] partial class Net { }"
        },
        { "unclosed class brace", "CS1513", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial class Net { " },
        { "unclosed attribute list", "CS1003", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU) partial class Net { }" },
        { "unclosed argument list", "CS1026", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU] partial class Net { }" },
        {
            "garbage inside an attribute",
            "CS1040",
            "using NetDsl; [Input(3)] [Dense(2, ### Act.ReLU)] partial class Net { }"
        },
        {
            "garbage in an attribute list",
            "CS1646",
            "using NetDsl; [Input(3), Dense(2, Act.ReLU) @@ ] partial class Net { }"
        },
        { "a class without a name", "CS1001", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial class { }" },
        {
            "a class inside a method",
            "CS7014",
            "using NetDsl; class Host { void M() { [Input(3)] [Dense(2, Act.ReLU)] partial class Net { } } }"
        },
        { "a base class cycle", "CS0146", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial class Net : Net { }" },
        { "Dense on a method", "CS0592", "using NetDsl; partial class Net { [Dense(2, Act.ReLU)] void M() { } }" },
        {
            "Input and Dense on a method",
            "CS0592",
            "using NetDsl; partial class Net { [Input(3)] [Dense(2, Act.ReLU)] void M() { } }"
        },
        { "Dense on an interface", "NDSL0002", "using NetDsl; [Dense(2, Act.ReLU)] partial interface INet { }" },
        {
            "a network on an interface",
            "NDSL0011",
            "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial interface INet { }"
        },
        { "Input on an enum", "CS0592", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] enum Kind { A }" },
        { "Input on a delegate", "CS0592", "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] delegate void Handler();" },
        { "Input on a property", "CS0592", "using NetDsl; partial class Net { [Input(3)] int P { get; set; } }" },
        {
            "Input twice on one declaration",
            "CS0579",
            "using NetDsl; [Input(3)] [Input(4)] [Dense(2, Act.ReLU)] partial class Net { }"
        },
        {
            "Loss twice",
            "CS0579",
            "using NetDsl; [Input(3)] [Dense(2, Act.Softmax)] [Loss(Loss.CrossEntropy)] [Loss(Loss.Auto)] partial "
                + "class Net { }"
        },
        {
            "Input on two partial declarations", "CS0579",
            "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial class Net { } [Input(5)] partial class Net { }"
        },
        {
            "attributes of the same name defined by the user", "CS0436",
            """
            using System;
            namespace NetDsl
            {
                [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
                sealed class InputAttribute(string name) : Attribute { }
                [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
                sealed class DenseAttribute(double units) : Attribute { }
                [Input("x")] [Dense(2.5)] partial class Net { }
                [Dense(1.5)] partial class Orphan { }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_never_makes_the_generator_throw(string name, string expectedId, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        var shown = run.AllDiagnostics.ToList();
        Assert.True(shown.Any(d => d.Id == expectedId), $"{name}: expected {expectedId}, got:\n{shown.Describe()}");
        Assert.Contains(shown, d => d.Severity >= DiagnosticSeverity.Warning);
        GeneratorHarness.Analyze(run.Output);
    }

    [Fact]
    public void A_network_declared_with_Input_on_two_partial_declarations_does_not_crash_the_generator()
    {
        // The compiler reports the duplicate (CS0579). Each declaration carrying an [Input] used to be parsed on its
        // own into the same spec, and the second AddSource of 'Net.g.cs' threw.
        string[] files =
        [
            "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial class Net { }",
            "using NetDsl; [Input(5)] partial class Net { }",
        ];

        GeneratorRun run = GeneratorHarness.Run(Settings, files).AssertDidNotThrow();

        Assert.Contains(run.AllDiagnostics, d => d.Id == "CS0579");
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Five_thousand_stacked_layers_generate_one_file_with_one_kernel_set()
    {
        string source = "using NetDsl;\n[Input(16)]\n"
            + string.Concat(Enumerable.Repeat("[Dense(16, Init.He, Act.ReLU)]\n", 5000))
            + "internal partial class Tower { }\n";

        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        GeneratedSourceResult generated = Assert.Single(run.Sources);
        Assert.Empty(generated.SyntaxTree.GetDiagnostics());
        string text = generated.SourceText.ToString();
        Assert.Contains("public const int LayerCount = 5000;", text);
        Assert.Contains("Layer4999Weights", text);

        // 16 → 16 ReLU throughout: one driver and its two tiles serve all 5,000 layers.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, @"private static void Layer\d+Forward<"));

        // And it compiles, under the strict settings, without a diagnostic: parsing alone would miss a type error.
        Assert.Empty(run.CompilationDiagnostics.Visible());
    }
}

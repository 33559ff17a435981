using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The build's culture never leaks into generated code or messages, and every number the user wrote comes out of the
/// generated code, as C# reads it, with the same bits.
/// </summary>
public sealed class CultureAndLiteralTests
{
    /// <summary>Named arguments chosen to break a careless literal: a value with no short exact decimal (0.1), a
    /// negative zero, a small exponent, the double nearest the float nearest 0.3, negatives, the largest finite float
    /// and the smallest subnormal one.</summary>
    private const string LiteralNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>Every kind of number a named argument can hold.</summary>
        [Input(4)]
        [Dense(8, Init.HeNormal, Act.LeakyReLU, Alpha = 0.1)]
        [Dense(8, Init.HeNormal, Act.LeakyReLU, Alpha = -0.0)]
        [Dense(8, Init.Normal, Act.ELU, Alpha = -0.0, Mean = -0.25, Std = 0.30000001192092896, Bias = 1e-7)]
        [Dense(8, Init.Uniform, Act.PReLU, Alpha = 0.1, Min = -1e-3, Max = 2.5e-3, Bias = -3.4028234663852886E+38)]
        [Dense(3, Init.Constant, Act.Linear, Value = -0.0, Bias = 1.401298464324817E-45)]
        public partial class LiteralNet
        {
        }
        """;

    /// <summary>Per layer, the InitParameters the generated code must pass (Value, Min, Max, Mean, Std, Gain, Slope):
    /// the user's values or the attribute's defaults, the slope being Alpha for LeakyReLU and PReLU only.</summary>
    private static readonly double[][] ExpectedInitParameters =
    [
        [0, -0.05, 0.05, 0, 0.05, 1, 0.1],
        [0, -0.05, 0.05, 0, 0.05, 1, -0.0],
        [0, -0.05, 0.05, -0.25, 0.30000001192092896, 1, 0],
        [0, -1e-3, 2.5e-3, 0, 0.05, 1, 0.1],
        [-0.0, -0.05, 0.05, 0, 0.05, 1, 0],
    ];

    private static readonly string[] InitParameterNames = ["Value", "Min", "Max", "Mean", "Std", "Gain", "Slope"];

    public static TheoryData<string> Cultures => new() { "de-DE", "unusual minus" };

    private static CultureInfo Culture(string name)
    {
        if (name == "unusual minus")
        {
            return CultureScope.UnusualMinus;
        }

        CultureInfo culture = CultureInfo.GetCultureInfo(name);
        Assert.Equal(",", culture.NumberFormat.NumberDecimalSeparator); // ICU is present: the culture is the real one
        return culture;
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Generated_text_is_the_same_under_any_build_culture(string cultureName)
    {
        string[] models = [LiteralNet, Models.FashionNet, Models.LeakyNet, Models.NestedNet];
        string[] invariant = Generate(CultureInfo.InvariantCulture, models);

        string[] local = Generate(Culture(cultureName), models);

        Assert.Equal(invariant, local);
    }

    [Fact]
    public void Generated_code_compiles_cleanly_when_built_under_a_culture_with_an_unusual_minus_sign()
    {
        using var scope = new CultureScope(CultureScope.UnusualMinus);

        GeneratorRun run = GeneratorHarness.Run(LiteralNet, Models.LeakyNet).AssertClean();

        Assert.DoesNotContain("\u2212", run.Sources[0].SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Diagnostic_messages_use_the_invariant_culture(string cultureName)
    {
        const string wrong = """
            using NetDsl;

            [Input(-3)]
            [Dense(4, Init.Uniform, Act.Tanh, Min = -0.5, Max = -1.5)]
            [Dense(2, Init.GlorotUniform, Act.LeakyReLU, Alpha = -0.5)]
            public partial class Wrong
            {
            }

            [Input(4)]
            [Dense(4, Init.GlorotUniform, Act.LeakyReLU, Alpha = -0.5)]
            public partial class Warned
            {
            }
            """;
        using var scope = new CultureScope(Culture(cultureName));

        GeneratorRun run =
            GeneratorHarness.Run(BuildSettings.Strict with { Documentation = DocumentationMode.Parse }, wrong);
        var messages = run.GeneratorDiagnostics.Concat(GeneratorHarness.Analyze(run.Output))
            .ToDictionary(d => d.Id, d => d.GetMessage(CultureInfo.InvariantCulture));

        Assert.Contains("not -3", messages["NDSL0004"]);
        Assert.Contains("Min = -0.5 and Max = -1.5", messages["NDSL0012"]);
        Assert.Contains("α = -0.5", messages["NDSL1005"]);
    }

    [Fact]
    public void Init_parameters_reach_the_generated_code_with_the_same_bits()
    {
        (Compilation output, SyntaxTree generated) = CompileLiteralNet();
        SemanticModel model = output.GetSemanticModel(generated);

        var creations = Operations<IObjectCreationOperation>(model, generated)
            .Where(o => o.Type?.Name == "InitParameters")
            .ToList();

        Assert.Equal(ExpectedInitParameters.Length, creations.Count);
        for (int layer = 0; layer < creations.Count; layer++)
        {
            var byName = creations[layer].Arguments
                .ToDictionary(a => a.Parameter!.Name, a => (double)a.Value.ConstantValue.Value!);
            for (int i = 0; i < InitParameterNames.Length; i++)
            {
                AssertSameBits(
                    ExpectedInitParameters[layer][i], byName[InitParameterNames[i]],
                    $"layer {layer} {InitParameterNames[i]}");
            }
        }
    }

    [Fact]
    public void Float_arguments_reach_the_generated_code_with_the_same_bits()
    {
        (Compilation output, SyntaxTree generated) = CompileLiteralNet();
        SemanticModel model = output.GetSemanticModel(generated);
        var invocations = Operations<IInvocationOperation>(model, generated).ToList();

        // LeakyReLU slopes are vector constants in the kernels (the other Create calls broadcast inputs); ELU's α is
        // the double parameter of Evaluate; biases and PReLU's starting slopes fill spans of floats.
        var leakySlopes = FloatConstants(invocations.Where(i => i.TargetMethod.Name == "Create"));
        var eluAlphas = invocations.Where(i => i.TargetMethod.Name == "Evaluate")
            .Select(i => BitConverter.DoubleToInt64Bits(
                (double)i.Arguments.Single(a => a.Parameter!.Name == "parameter").Value.ConstantValue.Value!))
            .Distinct().ToList();
        var fills = FloatConstants(invocations.Where(i => i.TargetMethod.Name == "Fill"));

        Assert.Equal(Bits(0.1f, -0.0f), leakySlopes);
        Assert.Equal([BitConverter.DoubleToInt64Bits(-0.0)], eluAlphas);
        Assert.Equal(Bits(1e-7f, 0.1f, -3.4028235E+38f, float.Epsilon), fills);
    }

    [Fact]
    public void Every_float_and_double_literal_in_generated_code_round_trips_through_its_own_text()
    {
        // The shortest text that parses back to the value: C#'s reading of each literal, formatted again with "R",
        // must be the literal's own digits (no "0.10000000149011612F" for 0.1F, no 17-digit noise).
        (_, SyntaxTree generated) = CompileLiteralNet();
        var literals = generated.GetRoot().DescendantTokens()
            .Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NumericLiteralToken)
                && t.Value is float or double)
            .ToList();

        Assert.NotEmpty(literals);
        foreach (SyntaxToken literal in literals)
        {
            string digits = literal.Text[..^1];
            string again = literal.Value switch
            {
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(again, digits);
        }
    }

    private static string[] Generate(CultureInfo culture, string[] models)
    {
        using var scope = new CultureScope(culture);
        return models.Select(m => GeneratorHarness.Run(m).AssertDidNotThrow()).Select(run =>
        {
            Assert.Empty(run.GeneratorDiagnostics);
            return run.SingleSource;
        }).ToArray();
    }

    /// <summary>LiteralNet generated and compiled once for the tests that read its numbers.</summary>
    private static readonly Lazy<GeneratorRun> s_literalNet = new(() => GeneratorHarness.Run(LiteralNet).AssertClean());

    private static (Compilation Output, SyntaxTree Generated) CompileLiteralNet()
        => (s_literalNet.Value.Output, s_literalNet.Value.Sources.Single().SyntaxTree);

    private static IEnumerable<T> Operations<T>(SemanticModel model, SyntaxTree tree) where T : IOperation
        => tree.GetRoot().DescendantNodes()
            .Select(node => model.GetOperation(node))
            .OfType<T>()
            .Distinct();

    private static List<int> FloatConstants(IEnumerable<IInvocationOperation> invocations)
        => invocations
            .Where(i => i.Arguments.Length == 1)
            .Select(i => i.Arguments[0])
            .Where(a => a.Value.ConstantValue.HasValue)
            .Select(a => Assert.IsType<float>(a.Value.ConstantValue.Value))
            .Select(BitConverter.SingleToInt32Bits)
            .Distinct()
            .Order()
            .ToList();

    private static List<int> Bits(params float[] values)
        => values.Select(BitConverter.SingleToInt32Bits).Order().ToList();

    private static void AssertSameBits(double expected, double actual, string what)
        => Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), got {actual:R}"
                + $" (0x{BitConverter.DoubleToInt64Bits(actual):X16})");
}

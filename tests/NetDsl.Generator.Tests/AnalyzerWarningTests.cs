using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Model;
using NetDsl.Generator.Parsing;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The analyzer's warnings (NDSL1001-NDSL1007): each on the text it must point at (marked <c>[|so|]</c>), with a
/// message naming what to write instead and, where an initializer should change, the suggestion the code fix reads.
/// Warnings never stop a network from being generated, and networks written as the docs recommend raise none.
/// </summary>
public sealed class AnalyzerWarningTests
{
    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    [Theory]
    [InlineData(
        "[Dense(4, [|Init.Zeros|], Act.ReLU)] [Dense(2, Act.Softmax)]",
        "HeNormal",
        "Layer 0 is a hidden layer initialized with Zeros",
        "use HeNormal")]
    [InlineData(
        "[Dense(4, [|Init.Ones|], Act.Tanh)] [Dense(2, Act.Softmax)]",
        "GlorotUniform",
        "initialized with Ones",
        "use GlorotUniform")]
    [InlineData(
        "[Dense(4, Act.SELU)] [Dense(4, [|Init.Constant|], Act.SELU, Value = 0.5)] [Dense(2, Act.Linear)]",
        "LeCunNormal",
        "Layer 1 is a hidden layer initialized with Constant",
        "use LeCunNormal")]
    [InlineData(
        "[Dense(4, [|Init.Orthogonal|], Act.ReLU, Gain = 0)] [Dense(2, Act.Softmax)]",
        "HeNormal",
        "Layer 0 is a hidden layer initialized with Orthogonal, Gain = 0:",
        "use HeNormal")]
    [InlineData(
        "[Dense(4, [|Init.Orthogonal|], Act.Tanh, Gain = -1e-50)] [Dense(2, Act.Softmax)]",
        "GlorotUniform",
        "initialized with Orthogonal, Gain = -1E-50:")]
    [InlineData(
        "[Dense(4, [|Init.Normal|], Act.Tanh, Mean = 1, Std = 1e-9)] [Dense(2, Act.Softmax)]",
        "GlorotUniform",
        "initialized with Normal, Mean = 1 and Std = 1E-09, a single value as floats:")]
    [InlineData(
        "[Dense(4, [|Init.TruncatedNormal|], Act.ReLU, Mean = -3, Std = 1e-8)] [Dense(2, Act.Softmax)]",
        "HeNormal",
        "initialized with TruncatedNormal, Mean = -3 and Std = 1E-08")]
    [InlineData(
        "[Dense(4, [|Init.Normal|], Act.Tanh, Std = 1e-45)] [Dense(2, Act.Softmax)]",
        "GlorotUniform",
        "initialized with Normal, Mean = 0 and Std = 1E-45, whose weights are all zero or subnormal floats, as good "
            + "as zero:")]
    [InlineData(
        "[Dense(4, [|Init.Orthogonal|], Act.ReLU, Gain = 1e-40)] [Dense(2, Act.Softmax)]",
        "HeNormal",
        "initialized with Orthogonal, Gain = 1E-40, whose weights are all zero or subnormal floats, as good as zero:")]
    public void NDSL1001_identical_starting_weights_on_a_hidden_layer(
        string layers, string suggested, params string[] message)
        => AssertWarning(layers, "NDSL1001", suggested, message);

    /// <summary>NDSL1001's rule for initializers that draw at random agrees with what the runtime draws: where it
    /// warns, all 4,096 weights are one float; the cases beside them draw several.</summary>
    [Theory]
    [InlineData(Init.Orthogonal, 0.0, 0.0, 0.05, true)]
    [InlineData(Init.Orthogonal, -1e-47, 0.0, 0.05, true)]
    [InlineData(Init.Orthogonal, 1e-46, 0.0, 0.05, true)]
    [InlineData(Init.Orthogonal, 1e-30, 0.0, 0.05, false)]
    [InlineData(Init.Orthogonal, 1.0, 0.0, 0.05, false)]
    [InlineData(Init.Normal, 1.0, 1.0, 1e-9, true)]
    [InlineData(Init.Normal, 1.0, 1e6, 1e-3, true)]
    [InlineData(Init.Normal, 1.0, 1.0, 1e-6, false)]
    [InlineData(Init.Normal, 1.0, 0.0, 1e-30, false)]
    [InlineData(Init.TruncatedNormal, 1.0, -3.0, 1e-8, true)]
    [InlineData(Init.TruncatedNormal, 1.0, -3.0, 1e-5, false)]
    [InlineData(Init.TruncatedNormal, 1.0, 0.0, 0.05, false)]
    public void NDSL1001_warns_where_the_runtime_draws_a_single_value(
        Init init, double gain, double mean, double std, bool identical)
    {
        var layer = new LayerSpec(64, 64, (InitKind)init, ActKind.Tanh, 0, 0, -0.05, 0.05, mean, std, gain, 0);
        var weights = new float[64 * 64];
        var parameters = new NetDsl.Initialization.InitParameters(Mean: mean, Std: std, Gain: gain);

        NetDsl.Initialization.Initializers.Fill(weights, 64, 64, init, parameters, seed: 0, layer: 0);

        Assert.Equal(identical, Traits.DrawsIdenticalWeights(layer) && !Traits.DrawsOnlySubnormals(layer));
        Assert.Equal(identical, weights.Distinct().Count() == 1);
        Assert.Equal(NetDsl.Initialization.Initializers.TruncatedStdRatio, Traits.TruncatedStdRatio);
    }

    /// <summary>The other half of NDSL1001's rule: where it finds the draws all zero or subnormal, the runtime's 4,096
    /// weights are several values, every one below float's smallest normal number; beside them, normal weights.
    /// </summary>
    [Theory]
    [InlineData(Init.Orthogonal, 1e-40, 0.0, 0.05, true)]
    [InlineData(Init.Orthogonal, -1e-39, 0.0, 0.05, true)]
    [InlineData(Init.Normal, 1.0, 0.0, 1e-45, true)]
    [InlineData(Init.Normal, 1.0, 1e-42, 1e-44, true)]
    [InlineData(Init.TruncatedNormal, 1.0, 0.0, 1e-40, true)]
    [InlineData(Init.Normal, 1.0, 0.0, 1e-37, false)]
    [InlineData(Init.Orthogonal, 1e-37, 0.0, 0.05, false)]
    public void NDSL1001_warns_where_the_runtime_draws_only_subnormal_weights(
        Init init, double gain, double mean, double std, bool subnormal)
    {
        var layer = new LayerSpec(64, 64, (InitKind)init, ActKind.Tanh, 0, 0, -0.05, 0.05, mean, std, gain, 0);
        var weights = new float[64 * 64];
        var parameters = new NetDsl.Initialization.InitParameters(Mean: mean, Std: std, Gain: gain);

        NetDsl.Initialization.Initializers.Fill(weights, 64, 64, init, parameters, seed: 0, layer: 0);

        Assert.Equal(subnormal, Traits.DrawsOnlySubnormals(layer));
        Assert.Equal(subnormal, Traits.DrawsIdenticalWeights(layer));
        Assert.True(weights.Distinct().Count() > 1);
        Assert.Equal(subnormal, weights.All(w => float.IsSubnormal(w) || w == 0));
    }

    [Theory]
    [InlineData(
        "[Dense(4, [|Init.He|], Act.Tanh)] [Dense(2, Act.Softmax)]",
        "GlorotNormal",
        "HeNormal is derived for ReLU",
        "Tanh zeroes none",
        "use GlorotNormal")]
    [InlineData(
        "[Dense(4, [|Init.HeUniform|], Act.Sigmoid)]",
        "GlorotUniform",
        "HeUniform is derived for ReLU",
        "Sigmoid zeroes none",
        "use GlorotUniform")]
    [InlineData("[Dense(4, [|NetDsl.Init.HeNormal|], Act.Tanh)]", "GlorotNormal", "use GlorotNormal")]
    [InlineData("[Dense(4, [|(Init)9|], Act.Tanh)]", "GlorotNormal", "HeNormal is derived for ReLU")]
    [InlineData("[Dense(4, [|Init.HeNormal|], Act.Softsign)]", "GlorotNormal", "Softsign zeroes none")]
    [InlineData("[Dense(4, [|Init.HeUniform|], Act.HardSigmoid)]", "GlorotUniform", "HardSigmoid zeroes none")]
    public void NDSL1002_He_under_a_saturating_activation(string layers, string suggested, params string[] message)
        => AssertWarning(layers, "NDSL1002", suggested, message);

    [Theory]
    [InlineData(
        "[Dense(8, Act.ReLU)] [Dense(8, [|Init.GlorotUniform|], Act.ReLU)] [Dense(8, Act.ReLU)] [Dense(2, "
            + "Act.Softmax)]",
        "HeUniform",
        "GlorotUniform ignores that ReLU zeroes half its inputs",
        "the network's 3 ReLU-family layers",
        "use HeUniform")]
    [InlineData(
        "[Dense(8, [|Init.LeCunNormal|], Act.ReLU)] [Dense(8, Act.ReLU)] [Dense(8, Act.ReLU)] [Dense(8, Act.ReLU)]",
        "HeNormal",
        "LeCunNormal ignores",
        "4 ReLU-family layers",
        "use HeNormal")]
    [InlineData(
        "[Dense(8, Act.LeakyReLU)] [Dense(8, Act.PReLU)] [Dense(8, [|Init.Xavier|], Act.ReLU)] [Dense(1, Act.Linear)]",
        "HeUniform",
        "GlorotUniform ignores",
        "3 ReLU-family layers")]
    public void NDSL1003_Glorot_or_LeCun_in_a_deep_ReLU_stack(string layers, string suggested, params string[] message)
        => AssertWarning(layers, "NDSL1003", suggested, message);

    [Theory]
    [InlineData(
        "[Dense(8, [|Init.GlorotUniform|], Act.SELU)] [Dense(1, Act.Linear)]",
        "SELU keeps activations at zero mean and unit variance",
        "GlorotUniform draws them otherwise",
        "use LeCunNormal")]
    [InlineData(
        "[Dense(8, [|Init.LeCunUniform|], Act.SELU)] [Dense(1, Act.Linear)]",
        "LeCunUniform matches that variance, but SELU's authors and Keras prescribe normal weights")]
    [InlineData("[Dense(8, [|Init.HeNormal|], Act.SELU)] [Dense(1, Act.Linear)]", "HeNormal draws them otherwise")]
    public void NDSL1004_SELU_without_LeCun_normal(string layers, params string[] message)
        => AssertWarning(layers, "NDSL1004", "LeCunNormal", message);

    [Theory]
    [InlineData(
        "[Dense(8, [|Init.GlorotUniform|], Act.LeakyReLU)] [Dense(1, Act.Linear)]",
        "HeUniform",
        "GlorotUniform ignores the negative slope α = 0.01 of LeakyReLU",
        "use HeUniform")]
    [InlineData(
        "[Dense(8, [|Init.Normal|], Act.PReLU, Alpha = 0.2)] [Dense(1, Act.Linear)]",
        "HeNormal",
        "Normal ignores the negative slope α = 0.2 of PReLU",
        "use HeNormal")]
    [InlineData(
        "[Dense(8, [|Init.TorchDefault|], Act.PReLU)] [Dense(1, Act.Linear)]",
        "HeUniform",
        "α = 0.25 of PReLU")]
    [InlineData(
        "[Dense(8, [|Init.Orthogonal|], Act.LeakyReLU, Alpha = 0.3)] [Dense(1, Act.Linear)]",
        "HeNormal",
        "Orthogonal ignores",
        "α = 0.3")]
    public void NDSL1005_an_initializer_that_ignores_the_slope(string layers, string suggested, params string[] message)
        => AssertWarning(layers, "NDSL1005", suggested, message);

    [Theory]
    [InlineData(
        "[Dense(4, Init.He, Act.ReLU, [|Alpha = 0.2|])]",
        "Alpha has no effect on a layer with ReLU: remove it")]
    [InlineData("[Dense(4, Act.Softmax, [|Alpha=1|])]", "Alpha has no effect on a layer with Softmax")]
    [InlineData("[Dense(4, Init.HeNormal, Act.ReLU, [|Value = 2|])]", "Value has no effect on a layer with HeNormal")]
    [InlineData("[Dense(4, Init.Normal, Act.Tanh, [|Min = -1|])]", "Min has no effect on a layer with Normal")]
    [InlineData(
        "[Dense(4, Init.TruncatedNormal, Act.Tanh, [|Max = 1|])]",
        "Max has no effect on a layer with TruncatedNormal")]
    [InlineData("[Dense(4, Init.Uniform, Act.Tanh, [|Std = 0.1|])]", "Std has no effect on a layer with Uniform")]
    [InlineData("[Dense(4, Init.Uniform, Act.Tanh, [|Mean = 0.1|])]", "Mean has no effect on a layer with Uniform")]
    [InlineData("[Dense(4, Act.Tanh, [|Gain = 2|])]", "Gain has no effect on a layer with GlorotUniform")]
    public void NDSL1006_a_named_argument_the_layer_does_not_use(string layers, string message)
        => AssertWarning(layers, "NDSL1006", suggested: null, message);

    [Theory]
    [InlineData(
        "[Dense(3, Act.Softmax)] [[|Loss(Loss.MeanSquaredError)|]]",
        "Mean squared error on Softmax outputs",
        "use the CrossEntropy loss")]
    [InlineData(
        "[Dense(3, Act.Sigmoid)] [[|Loss(Loss.MeanSquaredError)|]]",
        "Mean squared error on Sigmoid outputs",
        "use the BinaryCrossEntropy loss")]
    public void NDSL1007_mean_squared_error_on_a_saturating_output(string layers, params string[] message)
        => AssertWarning(layers, "NDSL1007", suggested: null, message);

    /// <summary>A family's own warnings, once for the family and not once per variant (here four), whether or not the
    /// analyzer sees the generated code beside the user's.</summary>
    [Theory]
    [InlineData(
        "[Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax, [|Std = 0.1|])]",
        "NDSL1006",
        "Std has no effect on a layer with GlorotUniform: remove it")]
    [InlineData(
        "[Dense(4, Init.He, Act.ReLU, [|Alpha = 0.2|])] [Dense(3)] [Dense(2, Act.Softmax)]",
        "NDSL1006",
        "Alpha has no effect on a layer with ReLU:")]
    [InlineData(
        "[Dense(4, [|Alpha = 0.2|])] [Dense(2, Act.Softmax)]",
        "NDSL1006",
        "Alpha has no effect on a layer with ReLU or Tanh:")]
    [InlineData(
        "[Dense(4, [|Gain = 2|])] [Dense(2, Act.Softmax)]",
        "NDSL1006",
        "Gain has no effect on a layer with HeNormal or Zeros:")]
    [InlineData(
        "[Dense(4)] [Dense(2, Act.Softmax)] [[|Loss(Loss.MeanSquaredError)|]]",
        "NDSL1007",
        "Mean squared error on Softmax outputs",
        "use the CrossEntropy loss")]
    public void A_family_gets_its_warnings_once(string layers, string id, params string[] message)
    {
        const string grid = "new[] { Init.HeNormal, Init.Zeros }, new[] { Act.ReLU, Act.Tanh }";
        Markup markup = Markup.Parse(Family(layers, grid));

        ImmutableArray<Diagnostic> warnings =
            GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, markup.Source));
        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source).AssertDidNotThrow();

        Diagnostic warning = Assert.Single(warnings);
        Assert.Equal(id, warning.Id);
        Assert.Equal(markup.Span, warning.Location.SourceSpan);
        string shown = warning.GetMessage(CultureInfo.InvariantCulture);
        Assert.All(message, fragment => Assert.Contains(fragment, shown));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Lab.g.cs"], run.HintNames);

        // The IDE's analyzer sees the generated variants and Variants too: they must not pass for the user's own.
        Diagnostic seen = Assert.Single(GeneratorHarness.Analyze(run.Output));
        Assert.Equal((id, markup.Span), (seen.Id, seen.Location.SourceSpan));
    }

    /// <summary>What a family compares on purpose, and arguments some variant uses: no warning.</summary>
    [Theory]
    // NDSL1001-NDSL1004
    [InlineData(
        "[Dense(4, Init.Zeros, Act.ReLU)] [Dense(4)] [Dense(2, Act.Softmax)]",
        "new[] { Init.HeNormal, Init.GlorotUniform }, new[] { Act.Tanh, Act.SELU }")]
    // NDSL1003, NDSL1005
    [InlineData(
        "[Dense(4)] [Dense(4)] [Dense(4)] [Dense(2, Act.Softmax)]",
        "new[] { Init.GlorotUniform, Init.Normal }, new[] { Act.ReLU, Act.LeakyReLU }")]
    [InlineData(
        "[Dense(4, Alpha = 0.2)] [Dense(2, Act.Softmax)]",
        "new[] { Init.HeNormal }, new[] { Act.ReLU, Act.LeakyReLU }")]
    [InlineData(
        "[Dense(4, Std = 0.1)] [Dense(2, Act.Softmax)]",
        "new[] { Init.HeNormal, Init.TruncatedNormal }, new[] { Act.ReLU }")]
    // no loss suits every output
    [InlineData(
        "[Dense(4)] [Dense(2)] [Loss(Loss.MeanSquaredError)]",
        "new[] { Init.HeNormal }, new[] { Act.Sigmoid, Act.Tanh }")]
    public void A_family_gets_no_warning_for_what_it_compares(string layers, string grid)
    {
        string source = Family(layers, grid);

        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, source));
        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        Assert.True(warnings.IsEmpty, warnings.Describe());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.Analyze(run.Output));
    }

    [Fact]
    public void A_family_whose_every_output_is_Sigmoid_gets_NDSL1007()
    {
        Markup markup = Markup.Parse(Family(
            "[Dense(4)] [Dense(2)] [[|Loss(Loss.MeanSquaredError)|]]", "new[] { Init.He }, new[] { Act.Sigmoid }"));

        Diagnostic warning =
            Assert.Single(GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, markup.Source)));

        Assert.Equal("NDSL1007", warning.Id);
        Assert.Equal(markup.Span, warning.Location.SourceSpan);
        Assert.Contains("use the BinaryCrossEntropy loss", warning.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>Networks written as recommended: no warning.</summary>
    [Theory]
    // shallow: 2 ReLU layers
    [InlineData(
        "[Dense(8, Init.GlorotUniform, Act.ReLU)] [Dense(8, Init.LeCunNormal, Act.ReLU)] [Dense(2, Act.Softmax)]")]
    [InlineData(
        "[Dense(8, Init.He, Act.ReLU)] [Dense(8, Init.HeUniform, Act.ReLU)] [Dense(8, Act.ReLU)] [Dense(2, "
            + "Act.Softmax)]")]
    [InlineData(
        "[Dense(8, Init.He, Act.LeakyReLU, Alpha = 0.2)] [Dense(8, Init.HeUniform, Act.PReLU)] [Dense(8, Act.ELU, "
            + "Alpha = 0.5)]")]
    // constant only on the output
    [InlineData(
        "[Dense(8, Init.GlorotNormal, Act.Tanh)] [Dense(8, Init.Xavier, Act.Sigmoid)] [Dense(1, Init.Zeros, "
            + "Act.Linear)]")]
    [InlineData("[Dense(8, Init.LeCunNormal, Act.SELU)] [Dense(1, Init.Constant, Act.Linear, Value = 0.5, Bias = 1)]")]
    [InlineData(
        "[Dense(8, Init.Uniform, Act.Tanh, Min = -0.1, Max = 0.1)] [Dense(8, Init.Normal, Act.Tanh, Mean = 0.1, Std = "
            + "0.2)] [Dense(8, Init.TruncatedNormal, Act.Tanh, Std = 0.2)] [Dense(8, Init.Orthogonal, Act.Tanh, Gain "
            + "= 2)]")]
    // zero gain only on the output
    [InlineData(
        "[Dense(8, Init.Orthogonal, Act.Tanh, Gain = 0.5)] [Dense(8, Init.Normal, Act.Tanh, Mean = 1, Std = 1e-3)] "
            + "[Dense(1, Init.Orthogonal, Act.Linear, Gain = 0)]")]
    [InlineData("[Dense(3, Act.Softmax)] [Loss(Loss.CrossEntropy)]")]
    [InlineData("[Dense(3, Act.Sigmoid)] [Loss(Loss.Auto)]")]
    [InlineData("[Dense(3, Act.Linear)] [Loss(Loss.MeanSquaredError)]")]
    [InlineData("[Dense(3, Act.Softmax)]")] // no [Loss]: CrossEntropy is implied, nothing to warn about
    public void Recommended_networks_raise_no_warning(string layers)
    {
        ImmutableArray<Diagnostic> warnings =
            GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, Network(layers)));

        Assert.True(warnings.IsEmpty, warnings.Describe());
    }

    public static TheoryData<int> Activations => new(Enum.GetValues<Act>().Select(a => (int)a));

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_two_argument_Dense_picks_the_recommended_initializer_and_raises_no_warning(int activationValue)
    {
        var activation = (Act)activationValue;
        InitKind recommended = Traits.RecommendedInit((ActKind)activation);

        // Three hidden layers make a deep ReLU stack where that applies; Softmax can only be the output.
        string layers = activation == Act.Softmax
            ? "[Dense(4, Act.Tanh)] [Dense(3, Act.Softmax)]"
            : $"[Dense(4, Act.{activation})] [Dense(4, Act.{activation})] [Dense(4, Act.{activation})]"
                + $" [Dense(2, Act.{activation})]";
        string source = Network(layers);
        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, source));
        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        Assert.True(warnings.IsEmpty, warnings.Describe());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains($"global::NetDsl.Init.{recommended},", run.SingleSource);

        // The runtime attribute's own choice, which reflection-based tools see, is the generator's.
        Assert.Equal((int)recommended, (int)new DenseAttribute(4, activation).Init);
    }

    [Fact]
    public void Warnings_do_not_stop_the_network_and_each_layer_reports_its_own()
    {
        const string layers = """
            [Dense(8, Init.Zeros, Act.ReLU)]
            [Dense(8, Init.He, Act.Tanh, Gain = 3)]
            [Dense(8, Init.GlorotUniform, Act.SELU)]
            [Dense(3, Act.Softmax)]
            [Loss(Loss.MeanSquaredError)]
            """;
        string source = Network(layers);

        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, source));
        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        Assert.Equal(
            ["NDSL1001", "NDSL1002", "NDSL1004", "NDSL1006", "NDSL1007"],
            warnings.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Net.g.cs"], run.HintNames);
    }

    [Fact]
    public void A_network_with_an_error_gets_no_warnings_on_top()
    {
        // The error says what to fix first; warnings about a network that will not be generated would be noise.
        string source = Network("[Dense(8, Init.Zeros, Act.Softmax)] [Dense(3, Init.He, Act.Tanh)]");

        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, source)));
        Assert.Equal("NDSL0008", Assert.Single(GeneratorHarness.Run(Settings, source).GeneratorDiagnostics).Id);
    }

    [Fact]
    public void A_pragma_suppresses_a_warning_because_it_is_located_in_the_users_file()
    {
        string source = """
            using NetDsl;

            namespace Samples;

            #pragma warning disable NDSL1002
            [Input(3)]
            [Dense(4, Init.He, Act.Tanh)]
            #pragma warning restore NDSL1002
            [Dense(4, Init.He, Act.Sigmoid)]
            internal partial class Net { }
            """;

        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, source));

        Diagnostic left = Assert.Single(warnings, d => !d.IsSuppressed);
        Assert.Equal("NDSL1002", left.Id);
        Assert.Equal(9, left.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Warnings_are_reported_in_a_file_other_than_the_first()
    {
        // The analyzer turns the parse's plain locations back into locations of the right tree, found by path.
        Markup markup = Markup.Parse(Network("[Dense(4, [|Init.He|], Act.Tanh)]"));
        Compilation compilation =
            GeneratorHarness.Compile(Settings, "class First { }", "class Second { }", markup.Source);

        Diagnostic warning = Assert.Single(GeneratorHarness.Analyze(compilation));

        Assert.Equal(GeneratorHarness.SourcePath(2), warning.Location.SourceTree?.FilePath);
        Assert.Equal(markup.Span, warning.Location.SourceSpan);
    }

    [Fact]
    public void Warnings_land_in_the_right_tree_when_trees_share_a_path()
    {
        // Scripts and tests may give every tree the same path (here the empty one). The warning once went to the
        // first tree with the path, outside its text, and the analyzer threw (AD0001); the NDSL1002 of the second
        // partial declaration must land in the second tree, and the first tree's warning in the first.
        Markup first = Markup.Parse("""
            using NetDsl;
            [Input(3)] [Dense(4, [|Init.He|], Act.Tanh)]
            internal partial class Net { }
            """);
        Markup second = Markup.Parse("""
            using NetDsl;

            // A longer file, so that the first file's spans fit inside it too.
            namespace Samples;

            [Input(3)] [Dense(4, Act.ReLU)] [Dense(8, Act.ReLU)] [Dense(16, [|Init.HeUniform|], Act.Sigmoid)]
            internal partial class Other { }
            """);
        Compilation compilation = GeneratorHarness.Compile(Settings).AddSyntaxTrees(
            GeneratorHarness.Parse(first.Source, ""), GeneratorHarness.Parse(second.Source, ""));

        ImmutableArray<Diagnostic> warnings = GeneratorHarness.Analyze(compilation);

        Assert.Equal(2, warnings.Length);
        foreach ((Markup markup, SyntaxTree tree) in new[] { first, second }.Zip(compilation.SyntaxTrees))
        {
            Diagnostic warning = Assert.Single(warnings, w => w.Location.SourceTree == tree);
            Assert.Equal(markup.Span, warning.Location.SourceSpan);
            Assert.Equal(markup.MarkedText, tree.GetText().ToString(warning.Location.SourceSpan));
        }
    }

    [Fact]
    public void A_warning_stays_in_its_declaration_when_another_declaration_with_the_same_path_spans_its_offsets()
    {
        // The first tree's declaration is long enough to contain the second tree's attribute offsets: placed by path
        // and span, NDSL1001 once underlined a comment in the first tree.
        string padding = new(' ', 400);
        string first = $"namespace A {{ partial class Net {{ /*{padding}*/ public int Q; }} }}";
        Markup second = Markup.Parse(
            "using NetDsl; namespace A { [Input(3)] [Dense(4, [|Init.Zeros|], Act.ReLU)] [Dense(2, Act.Softmax)] "
                + "partial class Net { } }");
        Compilation compilation = GeneratorHarness.Compile(Settings).AddSyntaxTrees(
            GeneratorHarness.Parse(first, "/src/Same.cs"), GeneratorHarness.Parse(second.Source, "/src/Same.cs"));

        Diagnostic warning = Assert.Single(GeneratorHarness.Analyze(compilation));

        Assert.Equal("NDSL1001", warning.Id);
        Assert.Same(compilation.SyntaxTrees.Last(), warning.Location.SourceTree);
        Assert.Equal(second.MarkedText, warning.Location.SourceTree!.GetText().ToString(warning.Location.SourceSpan));
    }

    [Theory]
    [InlineData("[Dense(64, [|init: Init.He|], activation: Act.Tanh)]")]
    [InlineData("[Dense(64, activation: Act.Tanh, [|init: Init.He|])]")]
    [InlineData("[Dense([|init: Init.He|], units: 64, activation: Act.Tanh)]")]
    public void A_warning_points_at_the_initializer_however_the_arguments_are_named(string layers)
        => AssertWarning(layers, "NDSL1002", "GlorotNormal", "HeNormal is derived for ReLU");

    [Fact]
    public void Every_warning_descriptor_is_an_enabled_warning_the_analyzer_declares()
    {
        var warnings =
            GeneratorErrorTests.Descriptors().Where(d => d.Id.StartsWith("NDSL1", StringComparison.Ordinal)).ToList();
        var declared = new Analysis.NetworkAnalyzer().SupportedDiagnostics;

        Assert.Equal(
            Enumerable.Range(1, warnings.Count).Select(i => $"NDSL{1000 + i}"),
            warnings.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            warnings.Select(d => d.Id).Order(StringComparer.Ordinal),
            declared.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(warnings, d =>
        {
            Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
            Assert.NotEmpty(d.Title.ToString(CultureInfo.InvariantCulture));
        });
    }

    /// <summary>A family of <paramref name="layers"/> over <paramref name="grid"/>, with an extension of a variant
    /// that some of the grids have (extending one is allowed and changes nothing about warnings).</summary>
    private static string Family(string layers, string grid) => $$"""
        using NetDsl;

        namespace Samples;

        [Input(3)]
        {{layers}}
        [Grid({{grid}})]
        internal static partial class Lab
        {
            public partial class HeNormalReLU
            {
                public string Label => "extended";
            }
        }
        """;

    private static string Network(string layers) => $$"""
        using NetDsl;

        namespace Samples;

        [Input(3)]
        {{layers}}
        internal partial class Net { }
        """;

    /// <summary>Analyzes the network made of <paramref name="layers"/> (one span marked) and checks the analyzer
    /// reports exactly one warning, <paramref name="id"/>, on the marked text, with every <paramref name="message"/>
    /// fragment, and with <paramref name="suggested"/> as the code fix's initializer (null: no suggestion). The
    /// generator still generates the network and reports nothing.</summary>
    private static void AssertWarning(string layers, string id, string? suggested, params string[] message)
    {
        Markup markup = Markup.Parse(Network(layers));

        ImmutableArray<Diagnostic> warnings =
            GeneratorHarness.Analyze(GeneratorHarness.Compile(Settings, markup.Source));
        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source).AssertDidNotThrow();

        Diagnostic warning = Assert.Single(warnings);
        Assert.Equal(id, warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.True(
            warning.Location.IsInSource,
            "An analyzer warning must be in source, where the IDE can draw it and offer fixes.");
        Assert.Equal(markup.Span, warning.Location.SourceSpan);
        Assert.Equal(markup.MarkedText, warning.Location.SourceTree!.GetText().ToString(warning.Location.SourceSpan));
        string shown = warning.GetMessage(CultureInfo.InvariantCulture);
        Assert.All(message, fragment => Assert.Contains(fragment, shown));
        warning.Properties.TryGetValue(ModelRules.SuggestedInit, out string? actualSuggestion);
        Assert.Equal(suggested, actualSuggestion);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Net.g.cs"], run.HintNames);
    }
}

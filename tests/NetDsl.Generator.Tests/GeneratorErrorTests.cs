using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Every error the generator reports (NDSL0001-NDSL0022): its id and severity, the exact text it points at (marked
/// <c>[|so|]</c> in each case), and a message that says what to write instead. Each case compiles beside a valid
/// network in another file, which must still be generated: one broken network never costs the others theirs.
/// </summary>
public sealed class GeneratorErrorTests
{
    /// <summary>A valid network in its own file of every test compilation.</summary>
    private const string Bystander = """
        using NetDsl;

        namespace Samples;

        [Input(2)]
        [Dense(1, Act.Linear)]
        internal partial class Bystander
        {
        }
        """;

    private const string BystanderHint = "Samples.Bystander.g.cs";

    /// <summary>Errors are the point here; documentation warnings would only add noise.</summary>
    private static readonly BuildSettings Settings = BuildSettings.Strict with
    {
        Documentation = DocumentationMode.Parse,
        WarningsAsErrors = false,
    };

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public class [|Net|] { }", "write 'partial class Net'")]
    [InlineData(
        "using NetDsl; internal sealed record [|Outer|](int Id) { [Input(3)] [Dense(2, Act.ReLU)] partial class Net "
            + "{ } }",
        "write 'partial record Outer'")]
    [InlineData(
        "using NetDsl; public class [|Outer|] { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }",
        "'Outer' must be declared partial",
        "write 'partial class Outer'")]
    [InlineData(
        "using NetDsl; public struct [|Outer|] { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }",
        "write 'partial struct Outer'")]
    [InlineData(
        "using NetDsl; public record struct [|Outer|] { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }",
        "write 'partial record struct Outer'")]
    [InlineData(
        "using NetDsl; public static partial class Outer { public class [|Middle|] { [Input(3)] [Dense(2, Act.ReLU)] "
            + "public partial class Net { } } }",
        "write 'partial class Middle'")]
    public void NDSL0001_a_network_or_a_type_containing_it_is_not_partial(string marked, params string[] message)
        => AssertError(marked, "NDSL0001", message);

    [Theory]
    [InlineData("using NetDsl; [[|Dense(2, Act.ReLU)|]] public partial class Net { }")]
    [InlineData("using NetDsl; [[|Dense(4, Init.He, Act.ReLU)|]] [Dense(2, Act.Softmax)] public class Net { }")]
    [InlineData("using NetDsl; [Loss(Loss.CrossEntropy)] [[|Dense(2, Act.Softmax)|]] public partial class Net { }")]
    public void NDSL0002_layers_without_an_input(string marked)
        => AssertError(marked, "NDSL0002", "'Net' has [Dense] layers but no [Input]", "add [Input(n)]");

    [Fact]
    public void NDSL0002_names_an_input_attribute_that_is_not_NetDsls()
        => AssertError(
            "namespace Models { using NetDsl; public sealed class InputAttribute(int size) : System.Attribute; "
                + "[[|Input(3)|]] [Dense(2, Act.ReLU)] public partial class Net { } }",
            "NDSL0002", "'Net' has [Dense] layers but no [Input] (this [Input] is Models.InputAttribute, not "
                + "NetDsl.InputAttribute)", "add [NetDsl.Input(n)]");

    [Fact]
    public void NDSL0002_is_reported_once_for_layers_on_two_partial_declarations()
    {
        // The orphan-layer step runs once per declaration carrying a [Dense]; only the declaration holding the type's
        // first [Dense] reports, so the user sees the error once (it was once reported by both).
        const string source = "using NetDsl; [Dense(4, Act.ReLU)] public partial class Net { } "
            + "[Dense(2, Act.Softmax)] public partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(Settings, source, Bystander).AssertDidNotThrow();

        Assert.Equal("NDSL0002", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("using NetDsl; [[|Input(3)|]] public partial class Net { }")]
    [InlineData("using NetDsl; [[|Input(3)|]] [Loss(Loss.MeanSquaredError)] public partial class Net { }")]
    public void NDSL0003_an_input_without_layers(string marked)
        => AssertError(marked, "NDSL0003", "'Net' has no layers", "add at least one [Dense(units, init, activation)]");

    [Theory]
    [InlineData(
        "namespace Other { public sealed class DenseAttribute(int units, NetDsl.Act activation) : System.Attribute; } "
            + "namespace Models { using NetDsl; [Input(3)] [[|Other.Dense(2, Act.ReLU)|]] public partial class Net { } }")]
    [InlineData(
        "namespace Models { using NetDsl; public sealed class DenseAttribute(int units) : System.Attribute; "
            + "[Input(3)] [[|Dense(2)|]] public partial class Net { } }",
        "Models.DenseAttribute")]
    public void NDSL0003_names_a_dense_attribute_that_is_not_NetDsls(string marked, string type = "Other.DenseAttribute")
        => AssertError(
            marked, "NDSL0003", $"'Net' has no layers (this [Dense] is {type}, not NetDsl.DenseAttribute)",
            "add at least one [NetDsl.Dense(units, init, activation)]");

    [Theory]
    [InlineData(
        "using NetDsl; [Input([|0|])] [Dense(2, Act.ReLU)] public partial class Net { }",
        "The input size must be at least 1, not 0")]
    [InlineData(
        "using NetDsl; [Input([|-3|])] [Dense(2, Act.ReLU)] public partial class Net { }",
        "The input size must be at least 1, not -3")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense([|0|], Act.ReLU)] public partial class Net { }",
        "Layer 0's unit count must be at least 1, not 0")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(4, Act.ReLU)] [Dense([|-1|], Init.He, Act.ReLU)] public partial class Net { }",
        "Layer 1's unit count must be at least 1, not -1")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense([|int.MinValue|], Act.ReLU)] public partial class Net { }",
        "not -2147483648")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(activation: Act.ReLU, [|units: -4|])] public partial class Net { }",
        "Layer 0's unit count must be at least 1, not -4")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(init: Init.He, activation: Act.ReLU, [|units: 0|])] public partial class Net "
            + "{ }",
        "not 0")]
    public void NDSL0004_a_size_below_one(string marked, string message)
        => AssertError(marked, "NDSL0004", message, "give a positive whole number");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(50000)] [[|Dense(50000, Act.ReLU)|]] public partial class Net { }",
        "'Net' needs 2500050000 floats")]
    [InlineData(
        "using NetDsl; [Input(35000)] [Dense(35000, Act.ReLU)] [[|Dense(35000, Act.ReLU)|]] [Dense(2, Act.ReLU)] "
            + "public partial class Net { }",
        "'Net' needs 2450630016 floats")]
    [InlineData(
        "using NetDsl; [Input(int.MaxValue)] [[|Dense(1, Act.Linear)|]] public partial class Net { }",
        "'Net' needs 34359738368 floats")]
    [InlineData(
        "using NetDsl; [Input(784)] [[|Dense(int.MaxValue, Init.He, Act.ReLU)|]] public partial class Net { }",
        "'Net' needs 1685774663680 floats")]
    [InlineData(
        "using NetDsl; [Input(1)] [[|Dense(2147483640, Act.Linear)|]] [Dense(10, Act.Softmax)] public partial class "
            + "Net { }",
        "'Net' needs 4294967296 floats")]
    public void NDSL0005_more_parameters_than_an_array_holds(string marked, string message)
        => AssertError(
            marked, "NDSL0005", message, "more than one .NET array holds (2147483591)", "make the layers narrower");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, [|(Act)99|])] public partial class Net { }",
        "(Act)99 is not a defined Act",
        "use one of the named Act members")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Init.He, [|(Act)(-1)|])] public partial class Net { }",
        "(Act)(-1) is not a defined Act")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(4)] [Dense(2, Act.Linear)] [Grid(new[] { Init.He }, [|new[] { (Act)int.MinValue "
            + "}|])] public static partial class Lab { }",
        "(Act)(-2147483648) is not a defined Act")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, [|(Init)99|], Act.ReLU)] public partial class Net { }",
        "(Init)99 is not a defined Init",
        "use one of the named Init members")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense([|activation: (Act)99|], units: 4)] public partial class Net { }",
        "(Act)99 is not a defined Act")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense([|init: (Init)42|], units: 4, activation: Act.ReLU)] public partial class "
            + "Net { }",
        "(Init)42 is not a defined Init")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(4, activation: Act.ReLU, [|init: (Init)42|])] public partial class Net { }",
        "(Init)42 is not a defined Init")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.Softmax)] [Loss([|(Loss)7|])] public partial class Net { }",
        "(Loss)7 is not a defined Loss",
        "use one of the named Loss members")]
    public void NDSL0006_an_undefined_enum_value(string marked, params string[] message)
        => AssertError(marked, "NDSL0006", message);

    [Theory]
    [InlineData("[Dense(2, Act.LeakyReLU, [|Alpha = double.NaN|])]", "Alpha = NaN is not a finite")]
    [InlineData(
        "[Dense(2, Init.Normal, Act.Tanh, [|Std = double.PositiveInfinity|])]",
        "Std = Infinity is not a finite")]
    [InlineData(
        "[Dense(2, Init.Uniform, Act.Tanh, [|Min = double.NegativeInfinity|])]",
        "Min = -Infinity is not a finite")]
    [InlineData("[Dense(2, Act.ReLU, [|Bias = 1.0 / 0|])]", "Bias = Infinity is not a finite")]
    [InlineData("[Dense(2, Init.Constant, Act.ReLU, [|Value = 0.0 / 0|])]", "Value = NaN is not a finite")]
    [InlineData("[Dense(2, Init.Orthogonal, Act.ReLU, [|Gain = -1.0 / 0|])]", "Gain = -Infinity is not a finite")]
    [InlineData("[Dense(2, Init.He, Act.ReLU, [|Bias = 1e300|])]", "Bias = 1E+300 is not a finite float")]
    [InlineData("[Dense(2, Act.LeakyReLU, [|Alpha = -3.5e38|])]", "Alpha = -3.5E+38 is not a finite float")]
    [InlineData(
        "[Dense(2, Init.Normal, Act.Tanh, [|Std = double.MaxValue|])]",
        "Std = 1.7976931348623157E+308 is not a finite float")]
    public void NDSL0007_a_named_argument_that_is_not_finite(string layer, string message)
        => AssertError(
            $"using NetDsl; [Input(3)] {layer} public partial class Net {{ }}", "NDSL0007", message,
            "give a finite value within ±3.4E+38 or leave the argument out");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [[|Dense(4, Act.Softmax)|]] [Dense(2, Act.Softmax)] public partial class Net { }",
        "layer 0 is hidden")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(4, Act.ReLU)] [[|Dense(4, Init.Xavier, Act.Softmax)|]] [Dense(2, "
            + "Act.Linear)] public partial class Net { }",
        "layer 1 is hidden")]
    public void NDSL0008_softmax_before_the_last_layer(string marked, string message)
        => AssertError(marked, "NDSL0008", message, "use ReLU or Tanh here and Softmax on the output layer");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(4, Act.ReLU)] public partial class Net { } [[|Dense(2, Act.Softmax)|]] "
            + "public partial class Net { }")]
    [InlineData(
        "using NetDsl; [Input(3)] public partial class Net { } [Dense(4, Act.ReLU)] [[|Dense(2, Act.Softmax)|]] "
            + "public partial class Net { }")]
    [InlineData(
        "using NetDsl; [Dense(4, Act.ReLU)] public partial class Net { } [Input(3)] [[|Dense(2, Act.Softmax)|]] "
            + "public partial class Net { }")]
    public void NDSL0009_layers_spread_over_several_declarations(string marked)
        => AssertError(
            marked, "NDSL0009", "The layers of 'Net' are spread over several partial declarations",
            "put [Input] and every [Dense] on one declaration");

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Net|]<T> { }")]
    [InlineData(
        "using NetDsl; public partial class Outer<T> { [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Net|] { "
            + "} }")]
    [InlineData(
        "using NetDsl; public partial class Outer<T> { public partial struct Middle { [Input(3)] [Dense(2, Act.ReLU)] "
            + "public partial class [|Net|] { } } }")]
    public void NDSL0010_a_generic_network_or_container(string marked)
        => AssertError(
            marked, "NDSL0010", "'Net' is generic or nested in a generic type",
            "declare the network in a non-generic type");

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial struct [|Net|] { }", "'Net' is a struct")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public readonly partial record struct [|Net|];",
        "'Net' is a record struct")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public static partial class [|Net|] { }",
        "'Net' is a static class")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial interface [|Net|] { }",
        "'Net' is an interface,")]
    public void NDSL0011_a_network_that_is_not_an_instance_class(string marked, string message)
        => AssertError(
            marked, "NDSL0011", message, "but a network owns its weights and work buffers: declare it as "
                + "'partial class Net'");

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public sealed partial record [|Net|](string Tag);")]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial record class [|Net|] { }")]
    [InlineData(
        "using NetDsl; public partial record Outer { [Input(3)] [Dense(2, Act.ReLU)] internal partial record [|Net|]; "
            + "}")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] partial record [|Net|]; partial record Net { public int Id "
            + "{ get; init; } }")]
    public void NDSL0011_a_network_that_is_a_record_class(string marked)
    {
        // 'n with { }' would copy the references to the weights and work buffers: Initialize on the copy redrew the
        // original's weights, and the two raced on one buffer when used on two threads.
        AssertError(
            marked, "NDSL0011",
            "'Net' is a record class, but a network owns its weights and work buffers, which a copy made with 'with' "
                + "would share with the original: declare it as 'partial class Net'");
    }

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public abstract partial class [|Net|] { }")]
    [InlineData(
        "using NetDsl; public partial class Outer { [Input(3)] [Dense(2, Act.ReLU)] protected abstract partial class "
            + "[|Net|] { } }")]
    public void NDSL0011_a_network_that_is_an_abstract_class(string marked)
    {
        // The generator once emitted it silently, but 'new Net()', the way every network is made, cannot compile.
        AssertError(
            marked, "NDSL0011",
            "'Net' is an abstract class, but a network owns its weights and work buffers and is created with 'new', "
                + "which an abstract class refuses: declare it as 'partial class Net'");
    }

    [Fact]
    public void A_family_may_be_a_record_since_its_variants_are_classes()
    {
        const string source = "using NetDsl; [Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)] "
            + "[Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })] public partial record Lab;";

        GeneratorRun run = GeneratorHarness.Run(Settings, source, Bystander).AssertDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Lab.g.cs", BystanderHint], run.HintNames.Order(StringComparer.Ordinal));
        Assert.Contains("partial record Lab", run.Source("Lab.g.cs"));
        Assert.Contains("public sealed partial class HeNormalReLU", run.Source("Lab.g.cs"));
    }

    [Theory]
    [InlineData("[[|Dense(2, Init.Normal, Act.Tanh, Std = 0)|]]", "Layer 0: Normal needs a positive Std, not 0")]
    [InlineData(
        "[[|Dense(2, Init.TruncatedNormal, Act.Tanh, Mean = 1, Std = -0.5)|]]",
        "Layer 0: TruncatedNormal needs a positive Std, not -0.5")]
    [InlineData(
        "[[|Dense(2, Init.Uniform, Act.Tanh, Min = 0.5, Max = 0.5)|]]",
        "Layer 0: Uniform needs Min < Max, but Min = 0.5 and Max = 0.5")]
    [InlineData(
        "[[|Dense(2, Init.Uniform, Act.Tanh, Min = 1)|]]",
        "Layer 0: Uniform needs Min < Max, but Min = 1 and Max = 0.05")]
    [InlineData(
        "[[|Dense(2, Init.Normal, Act.Tanh, Std = 1e-50)|]]",
        "Layer 0: Normal needs a positive Std as a float, not 1E-50")]
    [InlineData(
        "[[|Dense(2, Init.Uniform, Act.Tanh, Min = 0, Max = 1e-50)|]]",
        "Layer 0: Uniform needs Min < Max as floats, but Min = 0 and Max = 1E-50")]
    [InlineData(
        "[[|Dense(2, Init.Uniform, Act.Tanh, Min = 1e8, Max = 100000001)|]]",
        "Uniform needs Min < Max as floats")]
    public void NDSL0012_initializer_arguments_that_describe_no_distribution(string layer, string message)
    {
        string advice = message.Contains("Uniform", StringComparison.Ordinal)
            ? "give a lower Min than Max, or leave both out for Keras's ±0.05"
            : "give a Std above 0, or leave it out for 0.05";
        AssertError($"using NetDsl; [Input(3)] {layer} public partial class Net {{ }}", "NDSL0012", message, advice);
    }

    [Theory]
    [InlineData(
        "[Dense(4, Init.Normal, Act.Tanh, [|Std = 3e38|])]",
        "Layer 0: Normal draws weights as far as Mean ± 12.125 × Std, and with Mean = 0 and Std = 3E+38 that is beyond "
            + "float's largest value, 3.4028235E+38, where they become infinite: give a Std of at most 2.8E+37")]
    [InlineData(
        "[Dense(4, Init.Normal, Act.Tanh, [|Std = 2.8065e37|])]",
        "Layer 0: Normal draws weights as far as Mean ± 12.125 × Std, and with Mean = 0 and Std = 2.8065E+37 that is "
            + "beyond float's largest value, 3.4028235E+38, where they become infinite: give a Std of at most 2.8E+37")]
    [InlineData(
        "[Dense(4, Init.Normal, Act.Tanh, Mean = 3e38, [|Std = 1e38|])]",
        "Layer 0: Normal draws weights as far as Mean ± 12.125 × Std, and with Mean = 3E+38 and Std = 1E+38 that is "
            + "beyond float's largest value, 3.4028235E+38, where they become infinite: give a Std of at most 3.32E+36 "
            + "with this Mean, or a Mean closer to 0")]
    [InlineData(
        "[Dense(4, Init.Normal, Act.Tanh, [|Std = 1e33|], Mean = -3.4028235e38)]",
        "Layer 0: Normal draws weights as far as Mean ± 12.125 × Std, and with Mean = -3.4028235E+38 and Std = 1E+33 "
            + "that is beyond float's largest value, 3.4028235E+38, where they become infinite: give a Mean closer to "
            + "0 and a smaller Std")]
    [InlineData(
        "[Dense(4, Init.TruncatedNormal, Act.Tanh, [|Std = 2e38|])]",
        "Layer 0: TruncatedNormal draws weights as far as Mean ± 2σ with σ = Std / 0.8796256610342398, and with "
            + "Mean = 0 and Std = 2E+38 that is beyond float's largest value, 3.4028235E+38, where they become "
            + "infinite: give a Std of at most 1.49E+38")]
    [InlineData(
        "[Dense(4, Init.Uniform, Act.Tanh, Min = -1e38, [|Max = 3.4028235677973362e38|])]",
        "Layer 0: Uniform with Min = -1E+38 and Max = 3.4028235677973362E+38 can draw a weight beyond float's largest "
            + "value, 3.4028235E+38, which becomes infinite: give a Max of at most 3.4028234663852886E+38 "
            + "(float.MaxValue)")]
    [InlineData(
        "[Dense(4, Init.HeNormal, Act.ReLU)] [Dense(4, Init.Normal, Act.Tanh, [|Std = 1e38|])]",
        "Layer 1: Normal draws weights as far as Mean ± 12.125 × Std, and with Mean = 0 and Std = 1E+38 that is "
            + "beyond float's largest value")]
    public void NDSL0012_initializer_arguments_that_draw_beyond_float(string layers, string message)
    {
        // Each argument is a finite float (no NDSL0007), but the runtime rounded the draws to infinity, and the
        // network's outputs were NaN.
        AssertError($"using NetDsl; [Input(3)] {layers} public partial class Net {{ }}", "NDSL0012", message);
    }

    [Theory]
    [InlineData("[Dense(4, [|Std = 1e38|])]", "Layer 0: Normal draws weights as far as Mean ± 12.125 × Std")]
    [InlineData(
        "[Dense(4, Min = -1e38, [|Max = 3.4028235677973362e38|])]",
        "Layer 0: Uniform with Min = -1E+38 and Max = 3.4028235677973362E+38 can draw a weight beyond")]
    public void NDSL0012_a_varying_layer_whose_arguments_would_draw_beyond_float(string layer, string message)
        => AssertError(
            $"using NetDsl; [Input(3)] {layer} [Dense(2, Init.GlorotUniform, Act.Softmax)] "
                + "[Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })] public static partial class Lab { }",
            "NDSL0012", message);

    [Fact]
    public void Arguments_at_the_edge_of_floats_range_are_accepted()
    {
        // The largest each initializer allows: their draws are finite floats (tests/NetDsl.Tests draws them).
        const string source = "using NetDsl; [Input(3)] [Dense(4, Init.Normal, Act.Tanh, Std = 2.8064e37)] "
            + "[Dense(4, Init.Normal, Act.Tanh, Mean = 3e38, Std = 3.32e36)] "
            + "[Dense(4, Init.TruncatedNormal, Act.Tanh, Std = 1.49e38)] "
            + "[Dense(4, Init.Uniform, Act.Tanh, Min = float.MinValue, Max = float.MaxValue)] "
            + "[Dense(4, Init.Uniform, Act.Tanh, Min = -3e38, Max = 3.4028235677973362e38)] "
            + "[Dense(4, Init.Orthogonal, Act.Tanh, Gain = 3.4028235677973362e38)] "
            + "[Dense(4, Init.Constant, Act.Tanh, Value = -3.4028235677973362e38, Bias = float.MaxValue)] "
            + "[Dense(2, Act.PReLU, Alpha = float.MaxValue)] public partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(Settings, source, Bystander).AssertDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Net.g.cs", BystanderHint], run.HintNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.Sigmoid)] [[|Loss(Loss.CrossEntropy)|]] public partial class Net { }",
        "The cross-entropy loss needs a Softmax output layer, but the last layer uses Sigmoid",
        "make the last activation Softmax or choose another loss")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.Linear)] [[|Loss(Loss.CrossEntropy)|]] public partial class Net { }",
        "but the last layer uses Linear")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.Softmax)] [[|Loss(Loss.BinaryCrossEntropy)|]] public partial class "
            + "Net { }",
        "The binary cross-entropy loss needs a Sigmoid output layer, but the last layer uses Softmax",
        "make the last activation Sigmoid")]
    public void NDSL0013_a_loss_that_does_not_fit_the_output(string marked, params string[] message)
        => AssertError(marked, "NDSL0013", message);

    [Theory]
    [InlineData("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] file partial class [|Net|] { }", "'Net' is file-local")]
    [InlineData(
        "using NetDsl; file partial class [|Outer|] { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }",
        "'Outer' is file-local")]
    public void NDSL0014_a_file_local_network_or_container(string marked, string message)
        => AssertError(marked, "NDSL0014", message, "remove the 'file' modifier");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Init.He, Act.ReLU)] [[|Grid(new[] { Init.He }, new[] { Act.ReLU })|]] "
            + "public static partial class Lab { }",
        "The [Grid] of 'Lab' varies no layer",
        "write the layers to vary as [Dense(units)]")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid([|new Init[0]|], new[] { Act.ReLU })] public static partial class "
            + "Lab { }",
        "The [Grid] lists no initializer",
        "give at least one")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid(new[] { Init.He }, [|new[] { Act.ReLU, Act.Softmax }|])] public "
            + "static partial class Lab { }",
        "Softmax cannot vary",
        "belongs on its last layer")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid([|new[] { Init.He, Init.HeNormal }|], new[] { Act.ReLU })] public "
            + "static partial class Lab { }",
        "Init.HeNormal appears twice",
        "list each initializer once")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid([|activations: new[] { Act.Softmax }|], inits: new[] { "
            + "Init.HeNormal })] public static partial class Lab { }",
        "Softmax cannot vary")]
    public void NDSL0015_an_invalid_grid(string marked, params string[] message)
        => AssertError(marked, "NDSL0015", message);

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [[|Dense(5)|]] [Dense(2, Act.Linear)] public partial class Net { }",
        "[Dense(5)] gives no initializer and activation",
        "write [Dense(5, Init.HeNormal, Act.ReLU)] or add a [Grid]")]
    public void NDSL0016_a_varying_layer_outside_a_grid(string marked, params string[] message)
        => AssertError(marked, "NDSL0016", message);

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Run|] { }",
        "'Run' is also the name of a member NetDsl generates inside the network")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Trainer|] { }",
        "'Trainer' is also the name")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Layer12Forward|] { }",
        "'Layer12Forward' is also the name")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid(new[] { Init.He }, new[] { Act.ReLU })] public static partial "
            + "class [|Variants|] { }",
        "inside the family")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid(new[] { Init.Zeros, Init.He }, new[] { Act.ReLU })] public static "
            + "partial class [|HeNormalReLU|] { }",
        "'HeNormalReLU' is also the name of a member NetDsl generates inside the family")]
    public void NDSL0017_a_type_named_like_a_generated_member(string marked, string message)
        => AssertError(marked, "NDSL0017", message, "rename the type");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { public string [|Description|] => "
            + "\"mine\"; }",
        "'Description' collides with a member NetDsl generates in the network 'Net'")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private float[] [|_parameters|] = "
            + "new float[1]; }",
        "'_parameters' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { public class [|Trainer|] { } }",
        "'Trainer' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { public int [|InputSize|]() => 3; }",
        "'InputSize' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { const int [|Layer0Bias|] = 1; }",
        "'Layer0Bias' collides")]
    [InlineData(
        "using NetDsl; using System; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { public void "
            + "[|Forward|](ReadOnlySpan<float> x, Span<float> y) { } }",
        "'Forward' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private void [|Run|](ref float a, "
            + "int b, ref float c) { } }",
        "'Run' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private void [|Run|](out float a, "
            + "int b, in float c) { a = c; } }",
        "'Run' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid(new[] { Init.He }, new[] { Act.ReLU })] public static partial "
            + "class Lab { public static int [|Variants|] => 0; }",
        "in the family 'Lab'")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2)] [Grid(new[] { Init.He }, new[] { Act.ReLU })] public static partial "
            + "class Lab { public struct [|HeNormalReLU|] { } }",
        "'HeNormalReLU' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private void [|Run|]<A, B>(ref "
            + "float i, int r, ref float o) where A : struct where B : struct { } }",
        "'Run' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private static void "
            + "[|Layer0Forward|]<A, B>() { } }",
        "'Layer0Forward' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.GELU)] [Dense(2, Act.Linear)] public partial class Net { private "
            + "static void [|Layer1InputGradientDerivative|]<A, B>() { } }",
        "'Layer1InputGradientDerivative' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private static void "
            + "[|RequireLength|](int actual, int expected, string name) { } }",
        "'RequireLength' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private static void "
            + "[|Pack|](float[] values, NetDsl.Buffers.AlignedBuffer storage) { } }",
        "'Pack' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private static float[] [|Draw|](int "
            + "seed) => new float[1]; }",
        "'Draw' collides")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { private void [|Run|](ref float a, "
            + "long b, ref float c) { } }",
        "'Run' collides")]
    public void NDSL0018_a_member_named_like_a_generated_member(string marked, string message)
        => AssertError(marked, "NDSL0018", message, "rename it");

    /// <summary>Members of a family that collide with Variants or a variant, and extensions of a variant that
    /// cannot extend it or collide with its members; each case is inside <c>static partial class Lab</c>.</summary>
    [Theory]
    [InlineData(
        "public partial record [|HeNormalReLU|] { }",
        "'HeNormalReLU' collides with a member NetDsl generates in the family 'Lab': the variant is a public sealed "
            + "class and this declaration is a record; write 'public partial class HeNormalReLU' to add members to "
            + "the variant, or rename it")]
    [InlineData("static partial class [|HeNormalReLU|] { }", "this declaration is static;")]
    [InlineData("internal partial class [|HeNormalReLU|] { }", "this declaration is internal;")]
    [InlineData("public abstract partial class [|HeNormalReLU|] { }", "this declaration is abstract;")]
    [InlineData("public class [|HeNormalReLU|] { }", "this declaration is not partial;")]
    [InlineData("public partial struct [|HeNormalReLU|] { }", "this declaration is a struct;")]
    [InlineData("public enum [|HeNormalReLU|] { A }", "this declaration is an enum;")]
    [InlineData(
        "public static int [|HeNormalReLU|] => 0;",
        "'HeNormalReLU' collides with a member NetDsl generates in the family 'Lab': rename it")]
    [InlineData(
        "public partial class [|HeNormalReLU|] { public HeNormalReLU(int seed) { } }",
        "Variants creates the variant with 'new HeNormalReLU()', which no constructor of this declaration accepts; "
            + "add a public constructor without parameters, or rename it")]
    [InlineData(
        "public partial class HeNormalReLU { public string [|Description|] => \"mine\"; }",
        "'Description' collides with a member NetDsl generates in the variant 'HeNormalReLU': rename it")]
    [InlineData(
        "public partial class HeNormalReLU { private void [|Forward|](System.ReadOnlySpan<float> x, "
            + "System.Span<float> y) { } }",
        "'Forward' collides")]
    [InlineData(
        "public partial class HeNormalReLU { NetworkDescription INetwork.[|Description|] => null!; }",
        "'INetwork.Description' collides with a member NetDsl generates in the variant 'HeNormalReLU': remove it")]
    public void NDSL0018_a_family_member_that_collides_with_Variants_or_a_variant(string member, string message)
        => AssertError(
            "using NetDsl; [Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)] "
                + "[Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })] public static partial class Lab { "
                + member + " }",
            "NDSL0018", message);

    [Fact]
    public void NDSL0018_a_variant_declared_as_a_network_of_its_own()
    {
        // The nested network is valid on its own and still generated; the family that would declare it again is not.
        Markup markup = Markup.Parse("""
            using NetDsl;

            [Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)]
            [Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })]
            public static partial class Lab
            {
                [Input(3)] [Dense(2, Act.ReLU)] public partial class [|HeNormalReLU|] { }
            }
            """);

        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source).AssertDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NDSL0018", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("has an [Input] of its own", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(["Lab+HeNormalReLU.g.cs"], run.HintNames);
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "NDSL0018");
    }

    [Theory]
    [InlineData(
        "NetworkDescription INetwork.[|Description|] => null!;",
        "'INetwork.Description' collides with a member NetDsl generates in the network 'Net'")]
    [InlineData("int INetwork.[|InputSize|] => 3;", "'INetwork.InputSize' collides")]
    [InlineData(
        "ITrainer INetwork.[|CreateTrainer|](IOptimizer optimizer, int maxBatchSize) => null!;",
        "'INetwork.CreateTrainer' collides")]
    public void NDSL0018_an_explicit_implementation_the_generated_code_already_has(string member, string message)
        => AssertError(
            "using NetDsl; using NetDsl.Training; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { "
                + member + " }",
            "NDSL0018", message, "remove it, the generated code implements");

    [Theory]
    [InlineData(
        "using NetDsl; [Input(2)] [Dense(2, Act.ReLU)] public partial class BaseNet { } [Input(3)] [Dense(2, "
            + "Act.ReLU)] public partial class Net : [|BaseNet|] { }",
        "'Net' inherits 'InputSize' from 'BaseNet'")]
    [InlineData(
        "using NetDsl; public class Base { public string Description => \"mine\"; } [Input(3)] [Dense(2, Act.ReLU)] "
            + "public partial class Net : [|Base|] { }",
        "'Net' inherits 'Description' from 'Base'")]
    [InlineData(
        "using NetDsl; using System; public class Base { protected void Forward(ReadOnlySpan<float> x, Span<float> y) "
            + "{ } } public class Middle : Base { } [Input(3)] [Dense(2, Act.ReLU)] public partial class Net : "
            + "[|Middle|], IDisposable { public void Dispose() { } }",
        "'Net' inherits 'Forward' from 'Base'")]
    public void NDSL0019_a_base_type_member_named_like_a_generated_member(string marked, string message)
    {
        // The base network is valid and generated; only the derived one is refused.
        Markup markup = Markup.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source).AssertDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NDSL0019", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        string shown = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains(message, shown);
        Assert.Contains("derive 'Net' from another type", shown);
        Assert.DoesNotContain(
            run.HintNames, hint => hint.EndsWith(".Net.g.cs", StringComparison.Ordinal) || hint == "Net.g.cs");
    }

    [Theory]
    [InlineData(
        "public class B { public int HeNormalReLU; } [G] public partial class Lab : [|B|] { }",
        "'Lab' inherits 'HeNormalReLU' from 'B'")]
    [InlineData(
        "public class B { public static int Variants => 0; } [G] public partial class Lab : [|B|] { }",
        "'Lab' inherits 'Variants' from 'B'")]
    [InlineData(
        "public class B { protected class HeNormalReLU { } } public class M : B { } [G] public partial class Lab : "
            + "[|M|] { }",
        "'Lab' inherits 'HeNormalReLU' from 'B'")]
    [InlineData(
        "[G] public partial class Base { } [G] public partial class Lab : [|Base|] { }",
        "'Lab' inherits 'Variants' from 'Base'",
        "nor a family from a family")]
    [InlineData(
        "public class B { public void Forward(ReadOnlySpan<float> x, Span<float> y) { } } [G] public static partial "
            + "class Lab { public partial class HeNormalReLU : [|B|] { } }",
        "'HeNormalReLU' inherits 'Forward' from 'B'")]
    public void NDSL0019_a_base_type_member_named_like_a_member_of_a_family(string marked, params string[] message)
    {
        // [G] stands for a family's attributes. A base family is valid and generated; only the derived one is refused.
        const string family = "[Input(3)] [Dense(4)] [Dense(2, Init.GlorotUniform, Act.Softmax)] "
            + "[Grid(new[] { Init.HeNormal }, new[] { Act.ReLU })]";
        Markup markup = Markup.Parse("using NetDsl; using System; " + marked.Replace("[G]", family));
        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source).AssertDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NDSL0019", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        string shown = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.All(message, fragment => Assert.Contains(fragment, shown));
        Assert.DoesNotContain("Lab.g.cs", run.HintNames);
    }

    [Fact]
    public void A_base_class_with_overloads_and_private_members_of_generated_names_is_allowed()
    {
        const string source = """
            using NetDsl;

            namespace Samples;

            public class Base
            {
                private int _parameters = 1;
                private int Description => _parameters;
                public float[] Forward(float[] input) => input;
                protected int Forward(int value) => value + Description;
            }

            [Input(3)]
            [Dense(2, Act.Softmax)]
            internal partial class Net : Base { }
            """;

        GeneratorHarness.Run(Settings, source).AssertClean();
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    public void NDSL0020_a_language_version_before_CSharp_11(LanguageVersion version, string shown)
    {
        Markup markup = Markup.Parse("using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] public partial class [|Net|] { }");
        GeneratorRun run =
            GeneratorHarness.Run(Settings with { LanguageVersion = version }, markup.Source).AssertDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NDSL0020", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.Contains($"but this project compiles C# {shown}: set <LangVersion> to 11 or later",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData(
        "using NetDsl; [Input(4)] [Dense(8, Act.ReLU)] [[|Dense(1, Act.Softmax)|]] public partial class Net { }")]
    [InlineData("using NetDsl; [Input(4)] [[|Dense(1, Init.Xavier, Act.Softmax)|]] public partial class Net { }")]
    [InlineData(
        "using NetDsl; [Input(4)] [Dense(8)] [[|Dense(1, Init.Xavier, Act.Softmax)|]] [Grid(new[] { Init.He }, new[] "
            + "{ Act.ReLU })] public static partial class Lab { }")]
    public void NDSL0021_a_softmax_over_one_unit(string marked)
        => AssertError(marked, "NDSL0021", "Softmax over one unit, which always outputs 1",
            "write [Dense(1, init, Act.Sigmoid)]", "one unit per class");

    [Theory]
    [InlineData(
        "using System.Runtime.InteropServices; using NetDsl; [[|StructLayout(LayoutKind.Explicit)|]] [Input(3)] "
            + "[Dense(2, Act.ReLU)] public partial class Net { }",
        "marked [StructLayout(LayoutKind.Explicit)], which needs a [FieldOffset] on every instance field")]
    [InlineData(
        "using NetDsl; [Input(3)] [Dense(2, Act.ReLU)] [[|System.Runtime.InteropServices.StructLayout(2)|]] "
            + "public partial class Net { }",
        "marked [StructLayout(LayoutKind.Explicit)]")]
    [InlineData(
        "using System.Runtime.InteropServices; using NetDsl; [[|ComImport|], Guid(\"5E6D6F2A-8C2B-4A4E-9C39-1A0B4C7D"
            + "2E10\")] [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { }",
        "marked [ComImport], which allows no field initializers and no method bodies")]
    [InlineData(
        "using System.Runtime.InteropServices; using NetDsl; [Input(3)] [Dense(4)] [Dense(2, Act.Linear)] "
            + "[Grid(new[] { Init.He }, new[] { Act.ReLU })] public static partial class Lab { "
            + "[[|StructLayout(LayoutKind.Explicit)|]] public partial class HeNormalReLU { } }",
        "'HeNormalReLU' is marked [StructLayout(LayoutKind.Explicit)]")]
    public void NDSL0022_an_interop_layout_the_generated_members_cannot_follow(string marked, string message)
        => AssertError(marked, "NDSL0022", message, "remove the attribute");

    [Fact]
    public void A_sequential_or_auto_layout_is_fine()
        => GeneratorHarness.Run(
                "using System.Runtime.InteropServices; using NetDsl; [StructLayout(LayoutKind.Sequential)] [Input(3)] "
                    + "[Dense(2, Act.ReLU)] internal partial class Net { } [StructLayout(LayoutKind.Auto)] [Input(3)] "
                    + "[Dense(2, Act.ReLU)] internal partial class Auto { }")
            .AssertClean();

    [Fact]
    public void CSharp_11_is_enough_for_the_generated_code()
        => GeneratorHarness.Run(
                Settings with { LanguageVersion = LanguageVersion.CSharp11 }, Models.FashionNet, Models.LeakyNet)
            .AssertClean();

    [Theory]
    [InlineData("[Input(3)] [Dense(4, Act.ReLU)] [Dense(2, Act.Softmax)] public partial class")]
    [InlineData("public partial class { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }")]
    [InlineData("namespace { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }")]
    [InlineData("namespace A. { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } }")]
    [InlineData("namespace A.B { namespace { [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { } } }")]
    [InlineData("namespace ; [Input(3)] [Dense(2, Act.ReLU)] public partial class Net { }")]
    [InlineData(
        "namespace A.; [Input(3)] [Dense(2)] [Grid(new[] { Init.He }, new[] { Act.ReLU })] "
            + "static partial class Lab { }")]
    public void A_declaration_still_being_typed_generates_nothing_and_adds_no_error(string declaration)
    {
        // The compiler reports the missing name; a generated file would only add errors the user cannot act on.
        GeneratorRun run =
            GeneratorHarness.Run(Settings, "using NetDsl; " + declaration, Bystander).AssertDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal([BystanderHint], run.HintNames);
        Assert.Contains(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.All(
            run.CompilationDiagnostics,
            d => Assert.Equal(GeneratorHarness.SourcePath(0), d.Location.SourceTree?.FilePath));
    }

    [Fact]
    public void Every_member_the_emitter_declares_in_a_network_is_one_NDSL0018_guards()
    {
        // The reserved names live beside the parser, the members in the emitter: this keeps the two in step.
        const string family = """
            using NetDsl;

            namespace Samples;

            [Input(4)]
            [Dense(3)] [Dense(3, Init.He, Act.PReLU)] [Dense(2, Init.Xavier, Act.Sigmoid)]
            [Grid(new[] { Init.He }, new[] { Act.ReLU, Act.Tanh })]
            internal static partial class Lab { }
            """;
        GeneratorRun run = GeneratorHarness.Run(
                Settings, Models.FashionNet, Models.LeakyNet, Models.SharedKernelsNet, Models.NestedNet, family)
            .AssertClean();

        var generatedTrees = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToHashSet();
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("NetDsl.INetwork")!;
        var checkedTypes = 0;
        foreach (SyntaxTree tree in generatedTrees)
        {
            SemanticModel model = run.Output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>())
            {
                var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
                if (!type.AllInterfaces.Contains(network, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                checkedTypes++;
                foreach (ISymbol member in type.GetMembers().Where(m
                    => !m.IsImplicitlyDeclared && m.Locations.Any(l => generatedTrees.Contains(l.SourceTree!))))
                {
                    // An explicit implementation takes no name of its own, but a user's second one clashes.
                    ISymbol? implemented = member switch
                    {
                        IPropertySymbol property => property.ExplicitInterfaceImplementations.SingleOrDefault(),
                        IMethodSymbol explicitMethod
                            => explicitMethod.ExplicitInterfaceImplementations.SingleOrDefault(),
                        _ => null,
                    };
                    if (implemented is not null && member is not IMethodSymbol { AssociatedSymbol: not null })
                    {
                        Assert.True(
                            implemented.ContainingType.ToDisplayString() == KnownNames.NetworkInterface
                                && Array.IndexOf(KnownNames.ExplicitlyImplemented, implemented.Name) >= 0,
                            $"{type.Name}.{member.Name} is generated but NDSL0018 does not guard it");
                        continue;
                    }

                    if (member.Name.Contains('.') || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                    {
                        continue; // Accessors take no name of their own.
                    }

                    // A public method is guarded by its signature (a user's overload stays allowed), a private
                    // helper and anything else by its name.
                    bool guarded = member is IMethodSymbol method
                        ? Parsing.NetworkParser.IsGeneratedSignature(method)
                            || Parsing.NetworkParser.IsPrivateHelperName(method.Name)
                        : Array.IndexOf(KnownNames.GeneratedMemberNames, member.Name) >= 0
                            || KnownNames.GeneratedLayerMemberName.IsMatch(member.Name);
                    Assert.True(guarded, $"{type.Name}.{member.Name} is generated but NDSL0018 does not guard it");
                }
            }
        }

        Assert.Equal(6, checkedTypes); // Four networks and the two variants of the family.
    }

    [Fact]
    public void Overloads_of_generated_methods_and_extensions_of_variants_are_allowed()
    {
        const string source = """
            using System;
            using NetDsl;

            namespace Samples;

            [Input(3)]
            [Dense(2, Act.Softmax)]
            internal partial class Net
            {
                public float[] Forward(float[] input)
                {
                    var output = new float[OutputSize];
                    Forward(input, output);
                    return output;
                }

                public void Initialize() => Initialize(42);

                // 'in' against the generated by-value parameter: an overload, which calls without 'in' do not pick.
                public void Forward(in ReadOnlySpan<float> input, Span<float> output) => Forward(input, output);

                // INetwork.Initialize is implemented implicitly by the generated method, so an explicit one is allowed.
                void INetwork.Initialize(ulong seed) => Initialize(seed + 1);
            }

            [Input(3)]
            [Dense(2)] [Dense(2, Init.Xavier, Act.Softmax)]
            [Grid(new[] { Init.He }, new[] { Act.ReLU, Act.Tanh })]
            internal static partial class Lab
            {
                public sealed partial class HeNormalReLU : Labelled
                {
                    public HeNormalReLU() => Label = "the He variant";

                    public float[] Forward(float[] input) => input;
                }

                partial class HeNormalTanh
                {
                    public HeNormalTanh(string label = "tanh") => Label = label;

                    public string? Label { get; }
                }

                // Another arity is another type.
                public sealed class HeNormalReLU<T> { }
            }

            public class Labelled
            {
                public string? Label { get; protected set; }

                private int Description => 0;
            }

            // A network and a family generate no member name in common, so either may derive from the other.
            [Input(3)] [Dense(2, Act.Softmax)] internal partial class Derived : Family { }

            [Input(3)] [Dense(2)] [Dense(2, Init.Xavier, Act.Softmax)]
            [Grid(new[] { Init.He }, new[] { Act.ReLU })]
            internal partial class Family { }

            [Input(3)] [Dense(2)] [Dense(2, Init.Xavier, Act.Softmax)]
            [Grid(new[] { Init.He }, new[] { Act.ReLU })]
            internal partial class FamilyOfNet : Net { }
            """;

        GeneratorHarness.Run(Settings, source).AssertClean();
    }

    [Fact]
    public void A_grid_family_compiles_with_a_network_per_pair()
    {
        const string source = """
            using NetDsl;

            namespace Samples;

            [Input(6)]
            [Dense(5)] [Dense(4, Std = 0.01)]
            [Dense(2, Init.Xavier, Act.Softmax)]
            [Grid(new[] { Init.Zeros, Init.Normal, Init.He }, new[] { Act.Sigmoid, Act.ReLU, Act.PReLU })]
            internal static partial class Lab { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertClean();
        string generated = run.Source("Samples.Lab.g.cs");
        Assert.Contains("public sealed partial class ZerosSigmoid", generated);
        Assert.Contains("public sealed partial class HeNormalPReLU", generated);
        Assert.Contains("Variants", generated);
    }

    [Fact]
    public void A_file_local_network_would_otherwise_get_its_members_on_another_type()
    {
        // Why NDSL0014 exists: the generated file cannot see a file-local type, so 'partial class Net' there declares
        // a second, unrelated Net and the user's keeps no members (this used to compile silently, then fail at use).
        const string source = """
            using NetDsl;

            [Input(3)] [Dense(2, Act.ReLU)] file partial class Net { }

            static class Use
            {
                public static void Start() => new Net().Initialize(1);
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Settings, source).AssertDidNotThrow();

        Assert.Empty(run.Sources);
        Assert.Equal("NDSL0014", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Every_error_of_a_network_is_reported_not_just_the_first()
    {
        const string source = """
            using NetDsl;

            [Input(0)]
            [Dense(-4, Act.ReLU)]
            [Dense(3, (Init)42, Act.Softmax, Bias = double.NaN)]
            [Dense(2, Init.Uniform, Act.Linear, Min = 1, Max = -1)]
            public partial class Net { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Settings, source, Bystander).AssertDidNotThrow();

        Assert.Equal(
            ["NDSL0004", "NDSL0004", "NDSL0006", "NDSL0007", "NDSL0012"],
            run.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal([BystanderHint], run.HintNames);
    }

    [Fact]
    public void Broken_networks_leave_the_valid_ones_and_the_generated_code_intact()
    {
        // Several broken networks in one file and valid ones around them: each valid one is generated and compiles.
        const string mixed = """
            using NetDsl;

            namespace Samples;

            [Input(3)] [Dense(2, Act.ReLU)] internal class NotPartial { }
            [Input(3)] [Dense(4, Act.Softmax)] [Dense(2, Act.ReLU)] internal partial class EarlySoftmax { }
            [Input(4)] [Dense(3, Act.Tanh)] [Dense(2, Act.Softmax)] internal partial class Valid { }
            [Dense(2, Act.ReLU)] internal partial class NoInput { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Settings, mixed, Bystander).AssertDidNotThrow();

        Assert.Equal([BystanderHint, "Samples.Valid.g.cs"], run.HintNames.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["NDSL0001", "NDSL0002", "NDSL0008"],
            run.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        var generatedTrees = run.Sources.Select(s => s.SyntaxTree).ToHashSet();
        Assert.DoesNotContain(
            run.CompilationDiagnostics.Visible(), d => generatedTrees.Contains(d.Location.SourceTree!));
    }

    [Fact]
    public void Every_error_descriptor_is_an_enabled_error_with_a_title_and_advice()
    {
        var errors = Descriptors().Where(d => d.Id.StartsWith("NDSL0", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            Enumerable.Range(1, errors.Count).Select(i => $"NDSL{i:0000}"),
            errors.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(errors, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
            Assert.Equal("NetDsl", d.Category);
            Assert.NotEmpty(d.Title.ToString(CultureInfo.InvariantCulture));

            // Every message says what to write instead, after a colon; the two composed messages carry their advice
            // in the argument, which the tests of NDSL0012 and NDSL0015 check.
            string format = d.MessageFormat.ToString(CultureInfo.InvariantCulture);
            Assert.True(
                format == "{0}" || format.Contains(": ", StringComparison.Ordinal),
                $"{d.Id} gives no advice: {format}");
        });
    }

    internal static IEnumerable<DiagnosticDescriptor> Descriptors()
        => typeof(Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    /// <summary>Runs the marked source beside <see cref="Bystander"/> and checks that the generator reports exactly
    /// one NetDsl diagnostic, <paramref name="id"/>, as an error on the marked text, with every
    /// <paramref name="message"/> fragment in its message, and generates the bystander but not the broken network.
    /// </summary>
    private static void AssertError(string marked, string id, params string[] message)
    {
        Markup markup = Markup.Parse(marked);

        GeneratorRun run = GeneratorHarness.Run(Settings, markup.Source, Bystander).AssertDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(diagnostic, run.DriverDiagnostics);
        (string path, _, string text) = Locations.Resolve(diagnostic, run.Input);
        Assert.Equal(GeneratorHarness.SourcePath(0), path);
        Assert.Equal(markup.MarkedText, text);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        string shown = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.All(message, fragment => Assert.Contains(fragment, shown));
        Assert.Equal([BystanderHint], run.HintNames);
    }
}

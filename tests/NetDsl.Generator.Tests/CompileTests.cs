using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generated code compiles without a single diagnostic under the settings users turn on: nullable on or off,
/// warnings as errors, documentation comments checked, every warning wave, and no implicit usings (the harness adds
/// none, so nothing unqualified in the generated code can lean on one).
/// </summary>
public sealed class CompileTests
{
    public static TheoryData<string> SettingNames => new()
    {
        "strict", "nullable disable", "nullable warnings", "nullable annotations", "warnings not errors",
        "docs parsed only", "warning level 0",
    };

    private const string RecordNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>A record with a primary constructor, holding a network (a network cannot be a record itself).
        /// </summary>
        /// <param name="Tag">A label.</param>
        public sealed partial record Catalog(string Tag)
        {
            /// <summary>A network inside a record.</summary>
            [Input(6)]
            [Dense(12, Act.GELU)]
            [Dense(12, Init.Orthogonal, Act.SiLU, Gain = 1.5)]
            [Dense(2, Init.GlorotUniform, Act.Sigmoid)]
            public sealed partial class RecordNet { }
        }
        """;

    // Every activation once, each with the initializer Dense(units, activation) picks for it, and both other losses.
    private const string EveryActivationNet = """
        using NetDsl;

        namespace Samples;

        /// <summary>One hidden layer per activation.</summary>
        [Input(5)]
        [Dense(7, Act.Linear)] [Dense(7, Act.Sigmoid)] [Dense(7, Act.Tanh)] [Dense(7, Act.ReLU)]
        [Dense(7, Act.LeakyReLU, Alpha = 0.2)] [Dense(7, Act.PReLU)] [Dense(7, Act.ELU, Alpha = 0.5)] [Dense(7, Act.SELU)]
        [Dense(7, Act.GELU)] [Dense(7, Act.GeluTanh)] [Dense(7, Act.SiLU)] [Dense(7, Act.Softplus)]
        [Dense(7, Act.Softsign)] [Dense(7, Act.HardSigmoid)] [Dense(7, Act.Mish)]
        [Dense(3, Act.Softmax)]
        public partial class EveryActivationNet { }

        /// <summary>Multi-label outputs on binary cross-entropy.</summary>
        [Input(4)]
        [Dense(6, Act.ReLU)]
        [Dense(2, Act.Sigmoid)]
        [Loss(Loss.BinaryCrossEntropy)]
        public partial class MultiLabelNet { }

        /// <summary>A regression on mean squared error.</summary>
        [Input(4)]
        [Dense(6, Act.Tanh)]
        [Dense(1, Act.Linear)]
        public partial class RegressionNet { }

        /// <summary>A grid family.</summary>
        [Input(4)]
        [Dense(6)]
        [Dense(2, Init.GlorotUniform, Act.Softmax)]
        [Grid(new[] { Init.HeNormal, Init.GlorotUniform }, new[] { Act.ReLU, Act.Tanh })]
        public static partial class SmallLab { }
        """;

    private static readonly string[] AllModels =
        [Models.FashionNet, Models.LeakyNet, Models.SharedKernelsNet, Models.NestedNet, RecordNet, EveryActivationNet];

    // One generated file per network, one for the family.
    private const int GeneratedFiles = 5 + 3 + 1;

    private static BuildSettings Settings(string name) => name switch
    {
        "strict" => BuildSettings.Strict,
        "nullable disable" => BuildSettings.Strict with { Nullable = NullableContextOptions.Disable },
        "nullable warnings" => BuildSettings.Strict with { Nullable = NullableContextOptions.Warnings },
        "nullable annotations" => BuildSettings.Strict with { Nullable = NullableContextOptions.Annotations },
        "warnings not errors" => BuildSettings.Strict with { WarningsAsErrors = false },
        "docs parsed only" => BuildSettings.Strict with { Documentation = DocumentationMode.Parse },
        "warning level 0" => BuildSettings.Strict with { WarningLevel = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(SettingNames))]
    public void Generated_code_compiles_without_any_diagnostic(string settings)
    {
        // Every network in one compilation: every generated file is checked, and one compile per setting keeps it
        // quick.
        GeneratorRun run = GeneratorHarness.Run(Settings(settings), AllModels).AssertClean();

        Assert.Equal(GeneratedFiles, run.Sources.Length);
        Assert.Empty(GeneratorHarness.Analyze(run.Output));
    }

    [Fact]
    public void Generated_code_emits_an_assembly_under_strict_settings()
    {
        GeneratorRun run = GeneratorHarness.Run(AllModels).AssertClean();

        using var peStream = new MemoryStream();
        using var xmlStream = new MemoryStream();
        EmitResult emitted = run.Output.Emit(peStream, xmlDocumentationStream: xmlStream);

        Assert.True(emitted.Success, emitted.Diagnostics.Describe());
        Assert.Empty(emitted.Diagnostics.Visible());
        Assert.Equal(GeneratedFiles, run.Sources.Length);
    }

    [Fact]
    public void Documentation_mode_is_live_an_undocumented_user_type_gets_CS1591_and_the_generated_code_none()
    {
        // The guard for the test above: if CS1591 never fired, "no diagnostics" would prove nothing about docs.
        const string undocumented = """
            using NetDsl;

            [Input(4)]
            [Dense(3, Act.ReLU)]
            public partial class Undocumented
            {
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(undocumented).AssertDidNotThrow();

        Diagnostic missing = Assert.Single(run.AllDiagnostics);
        Assert.Equal("CS1591", missing.Id);
        Assert.Equal(GeneratorHarness.SourcePath(0), missing.Location.SourceTree?.FilePath);
        Assert.Contains("'Undocumented'", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void User_types_named_like_the_framework_types_the_generated_code_uses_capture_nothing()
    {
        // Every name the generated code uses is global::-qualified; these would capture any that is not.
        const string hostile = """
            using NetDsl;

            namespace Samples
            {
                namespace System
                {
                    /// <summary>Shadows System.</summary>
                    public static class Math { }
                }

                /// <summary>Shadows NetDsl.</summary>
                public static class NetDsl { }

                /// <summary>Shadows Span.</summary>
                public sealed class Span<T> { }

                /// <summary>Shadows Unsafe.</summary>
                public static class Unsafe { }

                /// <summary>Shadows MemoryMarshal.</summary>
                public static class MemoryMarshal { }

                /// <summary>Shadows ArgumentException.</summary>
                public sealed class ArgumentException { }

                /// <summary>A network among them.</summary>
                [Input(5)]
                [Dense(4, Act.ReLU)]
                [Dense(3, Act.Softmax)]
                public partial class Shadowed
                {
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(hostile).AssertClean();

        Assert.Equal(["Samples.Shadowed.g.cs"], run.HintNames);
    }
}

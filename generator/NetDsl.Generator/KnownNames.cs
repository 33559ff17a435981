namespace NetDsl.Generator;

/// <summary>Names the generator looks for and emits.</summary>
internal static class KnownNames
{
    public const string InputAttribute = "NetDsl.InputAttribute";

    public const string DenseAttribute = "NetDsl.DenseAttribute";

    public const string LossAttribute = "NetDsl.LossAttribute";

    public const string GridAttribute = "NetDsl.GridAttribute";

    /// <summary>The largest float array .NET allocates (Array.MaxLength).</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>Rows that ForwardBatch pushes through every layer before moving on: a multiple of the tile height,
    /// small enough that a chunk's activations stay in L1 and L2 between layers. Its two work buffers hold
    /// 2 × ChunkRows padded rows of the widest layer.</summary>
    public const int ChunkRows = 48;

    /// <summary>Names of members the generated code declares inside a network (or, for Variants, a family): a type
    /// with one of these names would contain a member named like itself (CS0542).</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "Description", "Initialize", "Forward", "Predict",
        "ForwardBatch", "ExportParameters", "ImportParameters", "CreateTrainer", "Trainer", "RequireLength", "Draw",
        "CreateStorage", "Pack", "Unpack", "Run", "StorageLength", "ChunkRows", "MaxStride", "OutputSlope", "Variants",
        "_parameters", "_work", "_prediction", "_version",
    };

    /// <summary>The generated methods of a network, each with its parameter types as Roslyn displays them. A user's
    /// method of the same name is an overload unless its parameter types are these; every other generated name
    /// admits no user member at all.</summary>
    public static readonly (string Name, string[] Parameters)[] GeneratedMethods =
    {
        ("Initialize", new[] { "ulong" }),
        ("Forward", new[] { "System.ReadOnlySpan<float>", "System.Span<float>" }),
        ("Predict", new[] { "System.ReadOnlySpan<float>" }),
        ("ForwardBatch", new[] { "System.ReadOnlySpan<float>", "System.Span<float>" }),
        ("ExportParameters", new[] { "System.Span<float>" }),
        ("ImportParameters", new[] { "System.ReadOnlySpan<float>" }),
        ("CreateTrainer", new[] { "NetDsl.Training.IOptimizer", "int" }),
        ("RequireLength", new[] { "long", "long", "string" }),
        ("Draw", new[] { "ulong" }),
        ("CreateStorage", new[] { "ulong" }),
        ("Pack", new[] { "System.ReadOnlySpan<float>", "NetDsl.Buffers.AlignedBuffer" }),
        ("Unpack", new[] { "NetDsl.Buffers.AlignedBuffer", "System.Span<float>" }),
        ("Run", new[] { "ref float", "int", "ref float" }),
    };

    /// <summary>The per-layer names the generated code declares (Layer0Weights, Layer3Forward, ...).</summary>
    public static readonly System.Text.RegularExpressions.Regex GeneratedLayerMemberName = new(
        "^Layer[0-9]+(Weights|Bias|Slopes|Forward|ForwardTile|ForwardRow|WeightGradient|WeightGradientTile|InputGradient|InputGradientTile)$");

    /// <summary>The per-layer constants (Layer0Weights, ...): the other per-layer names are generic methods, which a
    /// user's non-generic method of the same name overloads.</summary>
    public static readonly System.Text.RegularExpressions.Regex GeneratedLayerConstantName = new("^Layer[0-9]+(Weights|Bias|Slopes)$");
}

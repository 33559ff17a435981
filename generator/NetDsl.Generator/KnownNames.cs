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

    /// <summary>The generated methods of a network, each with its number of type parameters and its parameter types
    /// as Roslyn displays them, a by-reference one as <c>ref</c> whatever its ref kind. A user's method of the same
    /// name is an overload unless both match; every other generated name admits no user member at all.</summary>
    public static readonly (string Name, int Arity, string[] Parameters)[] GeneratedMethods =
    {
        ("Initialize", 0, new[] { "ulong" }),
        ("Forward", 0, new[] { "System.ReadOnlySpan<float>", "System.Span<float>" }),
        ("Predict", 0, new[] { "System.ReadOnlySpan<float>" }),
        ("ForwardBatch", 0, new[] { "System.ReadOnlySpan<float>", "System.Span<float>" }),
        ("ExportParameters", 0, new[] { "System.Span<float>" }),
        ("ImportParameters", 0, new[] { "System.ReadOnlySpan<float>" }),
        ("CreateTrainer", 0, new[] { "NetDsl.Training.IOptimizer", "int" }),
        ("RequireLength", 0, new[] { "long", "long", "string" }),
        ("Draw", 0, new[] { "ulong" }),
        ("CreateStorage", 0, new[] { "ulong" }),
        ("Pack", 0, new[] { "System.ReadOnlySpan<float>", "NetDsl.Buffers.AlignedBuffer" }),
        ("Unpack", 0, new[] { "NetDsl.Buffers.AlignedBuffer", "System.Span<float>" }),
        ("Run", 0, new[] { "ref float", "int", "ref float" }),
        ("Run", 2, new[] { "ref float", "int", "ref float" }),
    };

    public const string NetworkInterface = "NetDsl.INetwork";

    /// <summary>The members of INetwork the generated code implements explicitly (the class's own members of those
    /// names are constants, or return the concrete trainer): a user's explicit implementation would be a second.
    /// </summary>
    public static readonly string[] ExplicitlyImplemented =
        { "InputSize", "OutputSize", "ParameterCount", "Description", "CreateTrainer" };

    /// <summary>The type parameters of every per-layer kernel (TSimd, TVector): a user's method of a kernel's name
    /// with as many type parameters is refused whatever its parameters, a conservative rule for names no user needs.
    /// </summary>
    public const int KernelArity = 2;

    /// <summary>The per-layer names the generated code declares (Layer0Weights, Layer3Forward, ...).</summary>
    public static readonly System.Text.RegularExpressions.Regex GeneratedLayerMemberName = new(
        "^Layer[0-9]+(Weights|Bias|Slopes|Forward|ForwardTile|ForwardRow|WeightGradient|WeightGradientTile"
            + "|InputGradient|InputGradientTile)$");

    /// <summary>The per-layer constants (Layer0Weights, ...): the other per-layer names are generic methods, which a
    /// user's non-generic method of the same name overloads.</summary>
    public static readonly System.Text.RegularExpressions.Regex GeneratedLayerConstantName =
        new("^Layer[0-9]+(Weights|Bias|Slopes)$");
}

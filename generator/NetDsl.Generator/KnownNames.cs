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
    };

    /// <summary>The per-layer names the generated code declares (Layer0Weights, Layer3Forward, ...).</summary>
    public static readonly System.Text.RegularExpressions.Regex GeneratedLayerMemberName = new(
        "^Layer[0-9]+(Weights|Bias|Slopes|Forward|ForwardTile|ForwardRow|WeightGradient|WeightGradientTile|InputGradient|InputGradientTile)$");
}

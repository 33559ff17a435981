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
}

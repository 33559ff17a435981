namespace NetDsl.Generator;

/// <summary>Names of the generator's incremental steps, which the caching tests look up.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);

    public const string OrphanLayers = nameof(OrphanLayers);

    public const string Specs = nameof(Specs);

    public const string Families = nameof(Families);

    public const string Errors = nameof(Errors);

    public const string HintNames = nameof(HintNames);
}

using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// How much of a header a reader holds, and the error for a header that has more. Each error comes as soon as one
/// more entry is read, so that a header of millions of tiny entries (well within the 100 MB header limit) never costs
/// the memory of holding them all: a parsed entry takes many times the bytes it is written in.
/// </summary>
/// <param name="Tensors">The most tensors held.</param>
/// <param name="TooManyTensors">The error for more.</param>
/// <param name="MetadataEntries">The most "__metadata__" entries held.</param>
/// <param name="TooManyMetadataEntries">The error for more.</param>
/// <param name="MetadataBytes">The most bytes of metadata keys and values, as written in the header (escapes
/// counted as written), held.</param>
/// <param name="TooMuchMetadata">The error for more.</param>
internal sealed record HeaderLimits(
    int Tensors,
    Func<InvalidDataException> TooManyTensors,
    int MetadataEntries,
    Func<InvalidDataException> TooManyMetadataEntries,
    long MetadataBytes,
    Func<InvalidDataException> TooMuchMetadata)
{
    /// <summary>The most tensors any file may have: far more than the largest real checkpoints put in one file (a
    /// few thousand), and cheap to hold.</summary>
    public const int MaxTensors = 100_000;

    /// <summary>The most "__metadata__" entries any file may have; real files have a handful, rarely hundreds.
    /// </summary>
    public const int MaxMetadataEntries = 100_000;

    /// <summary>What reading any file holds at most. Metadata text needs no limit of its own here: it costs at most
    /// twice the header's bytes.</summary>
    public static readonly HeaderLimits AnyFile = new(
        MaxTensors,
        () => Malformed($"the header lists more than {MaxTensors} tensors, NetDsl's limit for a file"),
        MaxMetadataEntries,
        () => Malformed($"__metadata__ has more than {MaxMetadataEntries} entries, NetDsl's limit for a file"),
        long.MaxValue,
        () => Malformed("__metadata__ holds more text than NetDsl reads"));
}

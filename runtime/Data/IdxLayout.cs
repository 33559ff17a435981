namespace NetDsl.Data;

/// <summary>What a caller expects of an IDX file, and the words its error messages use for it.</summary>
/// <param name="Rank">The required number of dimensions, or null for any.</param>
/// <param name="Shape">What the dimensions mean, for the message about a wrong count.</param>
/// <param name="Unit">What one element is, as in "expected 784 bytes of pixels".</param>
internal sealed record IdxLayout(int? Rank, string Shape, string Unit)
{
    public static readonly IdxLayout Any = new(null, "", "bytes of data");

    public static readonly IdxLayout Images = new(3, "count, rows, columns; is this a labels file?", "bytes of pixels");

    public static readonly IdxLayout Labels = new(1, "count; is this an images file?", "labels");
}

namespace NetDsl.Data;

/// <summary>
/// The contents of an IDX file of unsigned bytes: its dimensions, outermost first, and its elements in row-major
/// order. <see cref="IdxReader"/> produces one and <see cref="IdxWriter"/> stores one.
/// </summary>
public sealed class IdxArray
{
    /// <summary>An array of <paramref name="dimensions"/> holding <paramref name="data"/>; both are kept, not
    /// copied.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, or the data length is not their
    /// product.</exception>
    public IdxArray(int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException(
                $"An IDX array has 1 to 255 dimensions, not {dimensions.Length}.", nameof(dimensions));
        }

        if (dimensions.Any(d => d <= 0))
        {
            throw new ArgumentException(
                $"Every dimension must be positive: {Describe(dimensions)}.", nameof(dimensions));
        }

        if (ElementCount(dimensions) != data.Length)
        {
            throw new ArgumentException(
                $"Dimensions {Describe(dimensions)} need {ElementCount(dimensions)} bytes, not {data.Length}.",
                nameof(data));
        }

        Dimensions = Array.AsReadOnly(dimensions);
        Data = data;
    }

    /// <summary>The size of each dimension, outermost first: for images (count, rows, columns).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The elements, row-major.</summary>
    public byte[] Data { get; }

    /// <summary>The product of <paramref name="dimensions"/>, saturating at <see cref="long.MaxValue"/> so a hostile
    /// header cannot overflow it into a small number.</summary>
    internal static long ElementCount(ReadOnlySpan<int> dimensions)
    {
        long count = 1;
        foreach (int dimension in dimensions)
        {
            count = dimension <= 0 ? 0 : count > long.MaxValue / dimension ? long.MaxValue : count * dimension;
        }

        return count;
    }

    /// <summary>"60000 x 28 x 28", for messages.</summary>
    internal static string Describe(IEnumerable<int> dimensions) => string.Join(" x ", dimensions);
}

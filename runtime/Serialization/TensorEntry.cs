namespace NetDsl.Serialization;

/// <summary>One tensor as a safetensors header describes it, already checked against the rest of the file.</summary>
/// <param name="Name">Its name, unique in the file.</param>
/// <param name="DType">Its element type.</param>
/// <param name="Shape">Its dimensions, outermost first (row-major).</param>
/// <param name="DataBegin">The offset of its first byte in the data section.</param>
/// <param name="DataEnd">The offset just past its last byte in the data section.</param>
public sealed record TensorEntry(
    string Name, TensorDType DType, IReadOnlyList<long> Shape, long DataBegin, long DataEnd)
{
    /// <summary>Its name, unique in the file.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>Its dimensions, outermost first (row-major).</summary>
    public IReadOnlyList<long> Shape { get; init; } = Shape ?? throw new ArgumentNullException(nameof(Shape));

    /// <summary>The product of <see cref="Shape"/>: 1 for a scalar (empty shape).</summary>
    public long ElementCount
    {
        get
        {
            // A loop rather than LINQ: checking a header of many tensors should allocate nothing per tensor.
            long product = 1;
            for (int i = 0; i < Shape.Count; i++)
            {
                product *= Shape[i];
            }

            return product;
        }
    }

    /// <summary>The bytes it takes in the data section.</summary>
    public long ByteCount => DataEnd - DataBegin;

    /// <summary>The shape as the header writes it, such as "[128, 784]".</summary>
    public string ShapeText => FormatShape(Shape);

    internal static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}

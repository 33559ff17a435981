namespace NetDsl.Serialization;

/// <summary>A tensor to write: its name and shape; its values are the next product(shape) floats of the span
/// handed to <see cref="SafetensorsWriter.WriteSingles"/>.</summary>
/// <param name="Name">Its name, unique in the file and not "__metadata__".</param>
/// <param name="Shape">Its dimensions, outermost first; empty for a scalar.</param>
public sealed record TensorLayout(string Name, IReadOnlyList<int> Shape)
{
    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
}

namespace NetDsl.Serialization;

/// <summary>A tensor to write: its name and shape; its values are the next product(shape) floats of the span
/// handed to <see cref="SafetensorsWriter.WriteSingles"/>.</summary>
/// <param name="Name">Its name, unique in the file and not "__metadata__".</param>
/// <param name="Shape">Its dimensions, outermost first; empty for a scalar.</param>
public sealed record TensorLayout(string Name, IReadOnlyList<int> Shape)
{
    /// <summary>Its name, unique in the file and not "__metadata__".</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>Its dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; init; } = Shape ?? throw new ArgumentNullException(nameof(Shape));

    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
}

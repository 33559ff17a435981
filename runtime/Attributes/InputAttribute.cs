namespace NetDsl;

/// <summary>
/// Marks a partial class as a NetDsl network whose input is a vector of <paramref name="size"/> floats. The layers
/// follow as <see cref="DenseAttribute"/>s, applied in the order they are written.
/// </summary>
/// <param name="size">The number of input features; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute(int size) : Attribute
{
    /// <summary>The number of input features.</summary>
    public int Size { get; } = size;
}

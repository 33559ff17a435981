namespace NetDsl.Serialization;

/// <summary>What a safetensors file holds, without the tensor data: its tensors and its free-form metadata.</summary>
public sealed class SafetensorsHeader
{
    private readonly Dictionary<string, TensorEntry> byName;

    internal SafetensorsHeader(
        IReadOnlyList<TensorEntry> tensors,
        IReadOnlyDictionary<string, string> metadata,
        long headerLength,
        long dataLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        HeaderLength = headerLength;
        DataLength = dataLength;
        byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<TensorEntry> Tensors { get; }

    /// <summary>The header's "__metadata__" object (string to string); empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The JSON header's length in bytes, padding included (the 8-byte length prefix excluded).</summary>
    public long HeaderLength { get; }

    /// <summary>The data section's length in bytes: the file is 8 + <see cref="HeaderLength"/> + this.</summary>
    public long DataLength { get; }

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public TensorEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return byName.GetValueOrDefault(name);
    }
}

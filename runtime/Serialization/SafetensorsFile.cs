namespace NetDsl.Serialization;

/// <summary>A safetensors file read into memory: its header and its data section, already validated.</summary>
public sealed class SafetensorsFile
{
    private readonly byte[] data;

    internal SafetensorsFile(SafetensorsHeader header, byte[] data)
    {
        Header = header;
        this.data = data;
    }

    /// <summary>The tensors and metadata.</summary>
    public SafetensorsHeader Header { get; }

    /// <summary>The raw little-endian bytes of <paramref name="tensor"/>, one of <see cref="Header"/>'s.</summary>
    public ReadOnlySpan<byte> GetBytes(TensorEntry tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return data.AsSpan().Slice(checked((int)tensor.DataBegin), checked((int)tensor.ByteCount));
    }

    /// <summary>The values of <paramref name="tensor"/> as floats: F32 as stored, F16 and BF16 exactly, F64 rounded
    /// to the nearest float (overflowing to ±∞); NaN stays NaN.</summary>
    /// <exception cref="NotSupportedException">The tensor's dtype is not one of those four.</exception>
    public float[] ToSingles(TensorEntry tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var values = new float[checked((int)tensor.ElementCount)];
        TensorConversion.ToSingles(GetBytes(tensor), tensor.DType, values);
        return values;
    }
}

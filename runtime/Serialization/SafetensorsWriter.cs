using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NetDsl.Serialization;

/// <summary>
/// Writes F32 safetensors files the way the reference library does: compact JSON with "__metadata__" first, each
/// tensor's fields in the order dtype, shape, data_offsets, the header padded with spaces to a multiple of 8 bytes
/// so that the data starts 8-aligned, then the raw little-endian data.
/// </summary>
/// <remarks>Tensors are written in the order given, metadata keys in ordinal order, so the same input always gives
/// the same bytes. (The reference orders tensors by dtype, then name; readers accept any order.)</remarks>
public static class SafetensorsWriter
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="tensors"/>, which take their values from <paramref name="values"/> in order,
    /// and <paramref name="metadata"/> as "__metadata__" (omitted when null).</summary>
    /// <exception cref="ArgumentException">A name is repeated, reserved or not valid Unicode, a dimension is
    /// negative, or the tensors do not hold exactly <c>values.Length</c> elements.</exception>
    public static void WriteSingles(
        Stream destination,
        IReadOnlyList<TensorLayout> tensors,
        ReadOnlySpan<float> values,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(tensors);
        byte[] header = BuildHeader(tensors, values.Length, metadata);

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        destination.Write(prefix);
        destination.Write(header);
        WriteLittleEndian(destination, values);
    }

    private static byte[] BuildHeader(
        IReadOnlyList<TensorLayout> tensors, int valueCount, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            foreach (var (key, value) in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                AppendString(json, key).Append(':');
                AppendString(json, value).Append(',');
            }

            TrimComma(json).Append("},");
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
        long offset = 0;
        long elements = 0;
        foreach (var tensor in tensors)
        {
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"The tensor name '{tensor.Name}' is repeated or reserved.", nameof(tensors));
            }

            if (tensor.Shape.Any(dimension => dimension < 0))
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' has a negative dimension.", nameof(tensors));
            }

            long end = offset + 4 * tensor.ElementCount;
            AppendString(json, tensor.Name).Append(":{\"dtype\":\"F32\",\"shape\":[");
            json.AppendJoin(',', tensor.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            json.Append(CultureInfo.InvariantCulture, $"],\"data_offsets\":[{offset},{end}]}},");
            offset = end;
            elements += tensor.ElementCount;
        }

        if (elements != valueCount)
        {
            throw new ArgumentException(
                $"The tensors hold {elements} values, but {valueCount} were given.", nameof(tensors));
        }

        TrimComma(json).Append('}');
        return Pad(Encode(json.ToString()));
    }

    private static byte[] Encode(string json)
    {
        try
        {
            return StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("A tensor name or metadata string is not valid Unicode.", e);
        }
    }

    /// <summary>Pads with spaces to a multiple of 8, as the reference does, so the data starts 8-aligned.</summary>
    private static byte[] Pad(byte[] header)
    {
        int padded = (header.Length + 7) / 8 * 8;
        if (padded > SafetensorsReader.MaxHeaderLength)
        {
            throw new ArgumentException($"The header would be {padded} bytes, over the format's limit.");
        }

        var result = new byte[padded];
        header.CopyTo(result, 0);
        result.AsSpan(header.Length).Fill((byte)' ');
        return result;
    }

    /// <summary>Escapes as serde_json does: quote, backslash and control characters only, the last as \n-style
    /// short forms where JSON has one, else \u00xx in lowercase hex.</summary>
    private static StringBuilder AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: json.Append(c); break;
            }
        }

        return json.Append('"');
    }

    private static StringBuilder TrimComma(StringBuilder json)
        => json[^1] == ',' ? json.Remove(json.Length - 1, 1) : json;

    private static void WriteLittleEndian(Stream destination, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            destination.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> chunk = stackalloc byte[4096];
        while (!values.IsEmpty)
        {
            int count = System.Math.Min(values.Length, chunk.Length / 4);
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk[(4 * i)..], values[i]);
            }

            destination.Write(chunk[..(4 * count)]);
            values = values[count..];
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetDsl.Serialization;

/// <summary>
/// Writes F32 safetensors files the way the reference library does: compact JSON with "__metadata__" first, each
/// tensor's fields in the order dtype, shape, data_offsets, the header padded with spaces to a multiple of 8 bytes
/// so that the data starts 8-aligned, then the raw little-endian data.
/// </summary>
/// <remarks>Tensors are written in the order given, metadata keys in ordinal order, so the same input always gives
/// the same bytes. (The reference orders tensors by dtype, then name; readers accept any order.) Strings are escaped
/// as serde_json, the reference's JSON library, escapes them.</remarks>
public static class SafetensorsWriter
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonWriterOptions Compact = new() { Encoder = SerdeJsonEscaping.Instance };

    /// <summary>Writes <paramref name="tensors"/>, which take their values from <paramref name="values"/> in order,
    /// and <paramref name="metadata"/> as "__metadata__" (omitted when null).</summary>
    /// <exception cref="ArgumentException">A name is repeated, reserved or not valid Unicode, a metadata value is
    /// null or not valid Unicode, a dimension is negative, or the tensors do not hold exactly <c>values.Length</c>
    /// elements.</exception>
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
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, Compact))
        {
            writer.WriteStartObject();
            if (metadata is not null)
            {
                writer.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                {
                    if (value is null)
                    {
                        throw new ArgumentException($"The metadata value of '{key}' is null.", nameof(metadata));
                    }

                    writer.WriteString(Checked(key, nameof(metadata)), Checked(value, nameof(metadata)));
                }

                writer.WriteEndObject();
            }

            WriteTensors(writer, tensors, valueCount);
            writer.WriteEndObject();
        }

        return Pad(json.WrittenSpan);
    }

    private static void WriteTensors(Utf8JsonWriter writer, IReadOnlyList<TensorLayout> tensors, int valueCount)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
        long offset = 0;
        long elements = 0;
        foreach (var tensor in tensors)
        {
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException(
                    $"The tensor name '{tensor.Name}' is repeated or reserved.", nameof(tensors));
            }

            if (tensor.Shape.Any(dimension => dimension < 0))
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' has a negative dimension.", nameof(tensors));
            }

            long count = CountUpTo(tensor.Shape, valueCount - elements);
            if (count < 0)
            {
                throw new ArgumentException(
                    $"The tensors hold more than the {valueCount} values given.", nameof(tensors));
            }

            long end = offset + 4 * count;
            writer.WriteStartObject(Checked(tensor.Name, nameof(tensors)));
            writer.WriteString("dtype", "F32");
            writer.WriteStartArray("shape");
            foreach (int dimension in tensor.Shape)
            {
                writer.WriteNumberValue(dimension);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("data_offsets");
            writer.WriteNumberValue(offset);
            writer.WriteNumberValue(end);
            writer.WriteEndArray();
            writer.WriteEndObject();
            offset = end;
            elements += count;
        }

        if (elements != valueCount)
        {
            throw new ArgumentException(
                $"The tensors hold {elements} values, but {valueCount} were given.", nameof(tensors));
        }
    }

    /// <summary>The product of <paramref name="shape"/>, or −1 when it is over <paramref name="limit"/>: no shape
    /// can overflow the count, and the offsets stay within 4 × the values given.</summary>
    private static long CountUpTo(IReadOnlyList<int> shape, long limit)
    {
        if (shape.Contains(0))
        {
            return 0;
        }

        long count = 1;
        foreach (int dimension in shape)
        {
            if (count > limit / dimension)
            {
                return -1;
            }

            count *= dimension;
        }

        return count <= limit ? count : -1;
    }

    /// <summary>Utf8JsonWriter would replace a lone surrogate silently; a name must survive the round trip.</summary>
    private static string Checked(string text, string parameterName)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return text;
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("A tensor name or metadata string is not valid Unicode.", parameterName, e);
        }
    }

    /// <summary>Pads with spaces to a multiple of 8, as the reference does, so the data starts 8-aligned.</summary>
    private static byte[] Pad(ReadOnlySpan<byte> header)
    {
        long padded = (header.Length + 7L) / 8 * 8;
        if (padded > SafetensorsReader.MaxHeaderLength)
        {
            throw new ArgumentException($"The header would be {padded} bytes, over the format's limit.");
        }

        var result = new byte[padded];
        header.CopyTo(result);
        result.AsSpan(header.Length).Fill((byte)' ');
        return result;
    }

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

    /// <summary>
    /// Escapes as serde_json does and nothing more: quote, backslash and control characters (U+0000 to U+001F), the
    /// last as \n-style short forms where JSON has one, else \u00xx in lowercase hex. The built-in encoders also
    /// escape DEL, U+2028, characters outside the BMP and more, and write uppercase hex; the reference would read
    /// those too, but its files would differ from ours for the same names.
    /// </summary>
    private sealed class SerdeJsonEscaping : JavaScriptEncoder
    {
        public static readonly SerdeJsonEscaping Instance = new();

        private static readonly SearchValues<char> Escaped =
            SearchValues.Create(string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\");

        public override int MaxOutputCharactersPerInputCharacter => 6;

        public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
            => new ReadOnlySpan<char>(text, textLength).IndexOfAny(Escaped);

        public override unsafe bool TryEncodeUnicodeScalar(
            int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            string text = unicodeScalar switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 => string.Create(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:x4}"),
                _ => char.ConvertFromUtf32(unicodeScalar),
            };
            numberOfCharactersWritten = text.TryCopyTo(new Span<char>(buffer, bufferLength)) ? text.Length : 0;
            return numberOfCharactersWritten > 0;
        }
    }
}

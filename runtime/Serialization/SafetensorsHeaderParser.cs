using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace NetDsl.Serialization;

/// <summary>
/// Reads the JSON header token by token. A serializer would take the last of two equal keys without a word, would
/// accept numbers like 1.0 where the reference wants integers, and would not say which tensor is wrong; this parser
/// refuses all of that with a message naming the tensor.
/// </summary>
internal static class SafetensorsHeaderParser
{
    /// <summary>More dimensions than any framework supports (PyTorch and NumPy stop at 64); bounds the memory a
    /// hostile shape of a million 1s could take.</summary>
    public const int MaxRank = 64;

    private const string MetadataKey = "__metadata__";

    /// <param name="json">The header's bytes.</param>
    /// <param name="limits">How much of it to hold; <see cref="HeaderLimits.AnyFile"/> when null.</param>
    public static (List<TensorEntry> Tensors, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> json, HeaderLimits? limits = null)
    {
        if (json.IsEmpty)
        {
            throw Invalid("the header is empty; it should be a JSON object");
        }

        if (!Utf8.IsValid(json))
        {
            throw Invalid("the header is not valid UTF-8");
        }

        try
        {
            var reader = new Utf8JsonReader(
                json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            return ParseRoot(ref reader, limits ?? HeaderLimits.AnyFile);
        }
        catch (JsonException e)
        {
            throw Invalid($"the header is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses escapes that decode to a lone surrogate.
            throw Invalid($"the header holds an invalid string: {e.Message}");
        }
    }

    private static (List<TensorEntry>, Dictionary<string, string>) ParseRoot(
        ref Utf8JsonReader reader, HeaderLimits limits)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid($"the header is a JSON {Describe(reader.TokenType)}, not an object");
        }

        var tensors = new List<TensorEntry>();
        Dictionary<string, string>? metadata = null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scratch = new List<long>(MaxRank);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            if (!names.Add(name))
            {
                throw Invalid($"the header names {Quote(name)} twice");
            }

            reader.Read();
            if (name == MetadataKey)
            {
                metadata = ParseMetadata(ref reader, limits);
            }
            else if (tensors.Count == limits.Tensors)
            {
                throw limits.TooManyTensors();
            }
            else
            {
                tensors.Add(ParseTensor(ref reader, name, scratch));
            }
        }

        // The root object is closed; the reader itself refuses anything but whitespace after it.
        if (reader.Read())
        {
            throw Invalid("the header has content after its JSON object");
        }

        return (tensors, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static Dictionary<string, string>? ParseMetadata(ref Utf8JsonReader reader, HeaderLimits limits)
    {
        // The reference reads "__metadata__": null as no metadata.
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid($"__metadata__ is a JSON {Describe(reader.TokenType)}, not an object of strings");
        }

        // Limits are checked on the text as written, before its strings are made.
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        long bytes = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (metadata.Count == limits.MetadataEntries)
            {
                throw limits.TooManyMetadataEntries();
            }

            bytes += reader.ValueSpan.Length;
            if (bytes > limits.MetadataBytes)
            {
                throw limits.TooMuchMetadata();
            }

            string key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Invalid($"__metadata__ entry {Quote(key)} is a JSON {Describe(reader.TokenType)}, not a string");
            }

            bytes += reader.ValueSpan.Length;
            if (bytes > limits.MetadataBytes)
            {
                throw limits.TooMuchMetadata();
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw Invalid($"__metadata__ names {Quote(key)} twice");
            }
        }

        return metadata;
    }

    /// <summary>Reads one tensor's entry, with <paramref name="scratch"/> reused for every shape and offset pair: a
    /// header of many small tensors allocates little besides what it keeps.</summary>
    private static TensorEntry ParseTensor(ref Utf8JsonReader reader, string name, List<long> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid($"tensor {Quote(name)} is described by a JSON {Describe(reader.TokenType)}, not an object");
        }

        TensorDType? dtype = null;
        long[]? shape = null;
        (long Begin, long End)? offsets = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Compared as UTF-8, not read into strings: a header of many small tensors stays cheap to hold.
            string? field = reader.ValueTextEquals("dtype"u8) ? "dtype"
                : reader.ValueTextEquals("shape"u8) ? "shape"
                : reader.ValueTextEquals("data_offsets"u8) ? "data_offsets"
                : null;
            bool repeated = field switch
            {
                "dtype" => dtype is not null,
                "shape" => shape is not null,
                "data_offsets" => offsets is not null,
                _ => false,
            };
            if (repeated)
            {
                throw Invalid($"tensor {Quote(name)} has two '{field}' fields");
            }

            switch (field)
            {
                case "dtype":
                    dtype = ParseDType(ref reader, name);
                    break;
                case "shape":
                    ParseIntegers(ref reader, name, field, MaxRank, scratch);
                    shape = scratch.ToArray();
                    break;
                case "data_offsets":
                    ParseIntegers(ref reader, name, field, 2, scratch);
                    offsets = scratch.Count == 2
                        ? (scratch[0], scratch[1])
                        : throw Invalid(
                            $"tensor {Quote(name)} has {scratch.Count} data_offsets; it needs two, [begin, end]");
                    break;
                default:
                    // The reference ignores fields it does not know.
                    reader.Skip();
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw Invalid($"tensor {Quote(name)} has no '{missing}' field");
        }

        CheckedElementCount(name, shape);
        return new TensorEntry(name, dtype.Value, shape, offsets.Value.Begin, offsets.Value.End);
    }

    private static TensorDType ParseDType(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Invalid(
                $"tensor {Quote(name)} has a dtype that is a JSON {Describe(reader.TokenType)}, not a string");
        }

        string text = reader.GetString()!;
        return TensorDTypes.TryParse(text, out var dtype)
            ? dtype
            : throw Invalid($"tensor {Quote(name)} has the unknown dtype '{Shorten(text)}'");
    }

    /// <summary>Reads an array of non-negative integers into <paramref name="values"/>, refusing more than
    /// <paramref name="maxCount"/> of them before storing them.</summary>
    private static void ParseIntegers(
        ref Utf8JsonReader reader, string name, string field, int maxCount, List<long> values)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid(
                $"tensor {Quote(name)} has a {field} that is a JSON {Describe(reader.TokenType)}, not an array");
        }

        values.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (values.Count == maxCount)
            {
                throw Invalid($"tensor {Quote(name)} has more than {maxCount} values in its {field}");
            }

            if (reader.TokenType != JsonTokenType.Number)
            {
                throw Invalid(
                    $"tensor {Quote(name)} has {WithArticle(reader.TokenType)} in its {field}, not an integer");
            }

            if (!reader.TryGetUInt64(out ulong value) || value > long.MaxValue)
            {
                string text = Shorten(Encoding.UTF8.GetString(reader.ValueSpan));
                throw Invalid(
                    $"tensor {Quote(name)} has {text} in its {field}, not an integer from 0 to {long.MaxValue}");
            }

            values.Add((long)value);
        }
    }

    private static void CheckedElementCount(string name, long[] shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension != 0 && count > long.MaxValue / dimension)
            {
                throw Invalid($"tensor {Quote(name)} has the shape {TensorEntry.FormatShape(shape)}, " +
                    "whose element count overflows 64 bits");
            }

            count *= dimension;
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The kind as a phrase of its own: "an array", "a string", "null".</summary>
    private static string WithArticle(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject or JsonTokenType.StartArray => "an " + Describe(token),
        _ => "a " + Describe(token),
    };

    private static InvalidDataException Invalid(string problem) => SafetensorsErrors.Malformed(problem);

    private static string Quote(string name) => SafetensorsErrors.Quote(name);

    private static string Shorten(string text) => SafetensorsErrors.Shorten(text);
}

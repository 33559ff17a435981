using System.Globalization;
using System.Text;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Lays out tensors as the reference safetensors writer (used by <c>safetensors.torch.save_file</c>) does, written
/// here from the format's rules rather than with the code under test: tensors sorted by descending dtype rank
/// (BOOL &lt; U8 &lt; I8 &lt; F8_E5M2 &lt; F8_E4M3 &lt; I16 &lt; U16 &lt; F16 &lt; BF16 &lt; I32 &lt; U32 &lt; F32 &lt;
/// F64 &lt; I64 &lt; U64) then by name in byte order; compact JSON with "__metadata__" first and fields dtype,
/// shape, data_offsets; the header padded with spaces to a multiple of 8.
/// </summary>
public sealed class ReferenceLikeFile
{
    private static readonly string[] DTypeRank =
    [
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16",
        "BF16", "I32", "U32", "F32", "F64", "I64", "U64",
    ];

    private readonly List<(string Name, string DType, long[] Shape, byte[] Bytes)> tensors = [];

    public ReferenceLikeFile Add(string name, string dtype, long[] shape, byte[] bytes)
    {
        tensors.Add((name, dtype, shape, bytes));
        return this;
    }

    public ReferenceLikeFile AddSingles(string name, long[] shape, float[] values)
        => Add(name, "F32", shape, TestFiles.Singles(values));

    public byte[] Build(IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors
            .OrderByDescending(t => Array.IndexOf(DTypeRank, t.DType))
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var json = new StringBuilder("{");
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            json.AppendJoin(',', metadata.Select(m => $"\"{m.Key}\":\"{m.Value}\""));
            json.Append("},");
        }

        long offset = 0;
        var data = new MemoryStream();
        foreach (var (name, dtype, shape, bytes) in ordered)
        {
            string dimensions = string.Join(',', shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            json.Append(CultureInfo.InvariantCulture,
                $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{dimensions}"
                    + $"],\"data_offsets\":[{offset},{offset + bytes.Length}]}},");
            offset += bytes.Length;
            data.Write(bytes);
        }

        if (json[^1] == ',')
        {
            json.Length--;
        }

        json.Append('}');
        return TestFiles.File(json.ToString(), data.ToArray());
    }
}

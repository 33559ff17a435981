namespace NetDsl.Serialization;

/// <summary>
/// The element types a safetensors header names, in the reference library's order (increasing alignment), which its
/// writer uses to order tensors. NetDsl converts <see cref="F32"/>, <see cref="F16"/>, <see cref="BF16"/> and
/// <see cref="F64"/> to float; the others are read and validated but not converted.
/// </summary>
/// <remarks>The newer sub-byte and exotic types of the reference (F4, F6_*, F8_E8M0, C64) are not known here: a file
/// holding one is refused as having an unknown dtype.</remarks>
public enum TensorDType
{
    /// <summary>"BOOL": one byte per element.</summary>
    Bool,

    /// <summary>"U8": unsigned byte.</summary>
    U8,

    /// <summary>"I8": signed byte.</summary>
    I8,

    /// <summary>"F8_E5M2": 8-bit float, 5 exponent bits.</summary>
    F8E5M2,

    /// <summary>"F8_E4M3": 8-bit float, 4 exponent bits.</summary>
    F8E4M3,

    /// <summary>"I16": signed 16-bit integer.</summary>
    I16,

    /// <summary>"U16": unsigned 16-bit integer.</summary>
    U16,

    /// <summary>"F16": IEEE half precision, converted through <see cref="Half"/>.</summary>
    F16,

    /// <summary>"BF16": bfloat16, the high half of a float.</summary>
    BF16,

    /// <summary>"I32": signed 32-bit integer.</summary>
    I32,

    /// <summary>"U32": unsigned 32-bit integer.</summary>
    U32,

    /// <summary>"F32": IEEE single precision; what NetDsl writes.</summary>
    F32,

    /// <summary>"F64": IEEE double precision, rounded to the nearest float on load.</summary>
    F64,

    /// <summary>"I64": signed 64-bit integer.</summary>
    I64,

    /// <summary>"U64": unsigned 64-bit integer.</summary>
    U64,
}

/// <summary>Names and sizes of <see cref="TensorDType"/> values as the file format spells them.</summary>
public static class TensorDTypes
{
    private static readonly string[] FileNames =
    [
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16",
        "BF16", "I32", "U32", "F32", "F64", "I64", "U64",
    ];

    /// <summary>The bytes one element takes.</summary>
    public static int ElementSize(TensorDType dtype) => dtype switch
    {
        TensorDType.Bool or TensorDType.U8 or TensorDType.I8 or TensorDType.F8E5M2 or TensorDType.F8E4M3 => 1,
        TensorDType.I16 or TensorDType.U16 or TensorDType.F16 or TensorDType.BF16 => 2,
        TensorDType.I32 or TensorDType.U32 or TensorDType.F32 => 4,
        TensorDType.F64 or TensorDType.I64 or TensorDType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype."),
    };

    /// <summary>The name the header uses, such as "F32" or "F8_E4M3".</summary>
    public static string FileName(TensorDType dtype)
        => (uint)dtype < (uint)FileNames.Length
            ? FileNames[(int)dtype]
            : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype.");

    /// <summary>True for the types NetDsl converts to float: F32, F16, BF16 and F64.</summary>
    public static bool ConvertsToSingle(TensorDType dtype)
        => dtype is TensorDType.F32 or TensorDType.F16 or TensorDType.BF16 or TensorDType.F64;

    /// <summary>Finds the dtype a header names; the match is exact and case-sensitive, as in the reference.</summary>
    public static bool TryParse(string fileName, out TensorDType dtype)
    {
        int index = Array.IndexOf(FileNames, fileName);
        dtype = (TensorDType)System.Math.Max(index, 0);
        return index >= 0;
    }
}

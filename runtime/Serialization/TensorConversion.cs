using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NetDsl.Serialization;

/// <summary>Turns little-endian tensor bytes into floats.</summary>
internal static class TensorConversion
{
    /// <summary>Converts <paramref name="bytes"/> of <paramref name="dtype"/> into <paramref name="destination"/>,
    /// which holds exactly one float per element.</summary>
    public static void ToSingles(ReadOnlySpan<byte> bytes, TensorDType dtype, Span<float> destination)
    {
        int size = TensorDTypes.ElementSize(dtype);
        if (bytes.Length != (long)destination.Length * size)
        {
            throw new ArgumentException($"{bytes.Length} bytes of {dtype} do not make {destination.Length} values.");
        }

        switch (dtype)
        {
            case TensorDType.F32 when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
                break;
            case TensorDType.F32:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                }

                break;
            case TensorDType.F16:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
                }

                break;
            case TensorDType.BF16:
                // bfloat16 is the high half of a float, so widening is exact, NaN payloads included.
                for (int i = 0; i < destination.Length; i++)
                {
                    int high = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
                    destination[i] = BitConverter.Int32BitsToSingle(high << 16);
                }

                break;
            case TensorDType.F64:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                }

                break;
            default:
                throw new NotSupportedException(
                    $"{TensorDTypes.FileName(dtype)} values do not convert to float; "
                        + "NetDsl reads F32, F16, BF16 and F64.");
        }
    }
}

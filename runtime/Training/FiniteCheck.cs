using System.Numerics;
using System.Runtime.InteropServices;

namespace NetDsl.Training;

/// <summary>Finds NaN and infinities in data, gradients and weights: one NaN that reaches an update spreads to every
/// weight in a few steps, so it is stopped where it enters.</summary>
internal static class FiniteCheck
{
    private const int Block = 16384;

    /// <summary>The index of the first value that is NaN or ±∞, or −1 when every value is finite.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        // x − x is 0 for every finite x and NaN for NaN and ±∞, so a block's sum of them is 0 until one appears;
        // only a block that holds one is searched value by value.
        for (int start = 0; start < values.Length; start += Block)
        {
            ReadOnlySpan<float> block = values.Slice(start, System.Math.Min(Block, values.Length - start));
            if (!IsFinite(block))
            {
                for (int i = 0; i < block.Length; i++)
                {
                    if (!float.IsFinite(block[i]))
                    {
                        return start + i;
                    }
                }
            }
        }

        return -1;
    }

    private static bool IsFinite(ReadOnlySpan<float> block)
    {
        float sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Four sums, so that the additions do not wait on each other.
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(block);
            Vector<float> lanes0 = Vector<float>.Zero, lanes1 = lanes0, lanes2 = lanes0, lanes3 = lanes0;
            int j = 0;
            for (; j + 4 <= vectors.Length; j += 4)
            {
                lanes0 += vectors[j] - vectors[j];
                lanes1 += vectors[j + 1] - vectors[j + 1];
                lanes2 += vectors[j + 2] - vectors[j + 2];
                lanes3 += vectors[j + 3] - vectors[j + 3];
            }

            for (; j < vectors.Length; j++)
            {
                lanes0 += vectors[j] - vectors[j];
            }

            sum = Vector.Sum(lanes0 + lanes1 + lanes2 + lanes3);
            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < block.Length; i++)
        {
            sum += block[i] - block[i];
        }

        return sum == 0;
    }
}

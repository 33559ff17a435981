using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetDsl.Kernels;

/// <summary>Row copies between the kernels' padded buffers and callers' dense spans.</summary>
public static class Rows
{
    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="columns"/> floats from rows
    /// <paramref name="sourceStride"/> apart to rows <paramref name="columns"/> apart.</summary>
    public static void Copy(ref float source, int sourceStride, int rows, int columns, ref float destination)
    {
        for (int row = 0; row < rows; row++)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, (nint)row * sourceStride), columns)
                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, (nint)row * columns), columns));
        }
    }

    /// <summary>The index of the largest value, the first one on ties; NaN is never chosen (an all-NaN row gives 0).
    /// </summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (float.IsNaN(values[best]) ? !float.IsNaN(values[i]) : values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

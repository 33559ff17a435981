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

    /// <summary>The index of the largest value, the first one on ties. NaN is never chosen: a row of NaN (a network
    /// fed NaN, or one whose training diverged) and an empty row give −1, which matches no class.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]) && (best < 0 || values[i] > values[best]))
            {
                best = i;
            }
        }

        return best;
    }
}

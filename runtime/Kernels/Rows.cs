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
}

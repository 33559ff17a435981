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

    /// <summary>Throws unless <paramref name="inputs"/> and <paramref name="outputs"/> are separate memory: the kernels
    /// write outputs (and, in batches, whole chunks of rows) while inputs are still to be read, so an overlap would
    /// silently corrupt the results.</summary>
    /// <exception cref="ArgumentException">The spans share memory.</exception>
    public static void RequireSeparate(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, string inputsName, string outputsName)
    {
        ArgumentNullException.ThrowIfNull(inputsName);
        ArgumentNullException.ThrowIfNull(outputsName);
        if (inputs.Overlaps(outputs))
        {
            throw new ArgumentException(
                $"'{outputsName}' overlaps '{inputsName}': the network writes outputs while it still reads inputs, "
                + "so results would be wrong; give the outputs a buffer of their own.",
                outputsName);
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

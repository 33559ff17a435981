using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetDsl.Numerics;

namespace NetDsl.Kernels;

/// <summary>
/// Softmax in double precision: exp(x − max) / Σ exp(x − max), rounded once to float. Outputs sum to 1 within a few
/// float ulps; softmax([1000, 0]) = [1, 0], softmax([1e30, 1e30, 1e30]) = [⅓, ⅓, ⅓].
/// </summary>
/// <remarks>
/// Non-finite inputs: a NaN anywhere makes the whole row NaN; entries equal to the row's maximum count as e⁰ = 1, so
/// +∞ entries share the probability equally (the limit of softmax as they grow) and a row of −∞ is uniform.
/// </remarks>
public static class Softmax
{
    /// <summary>Replaces <paramref name="row"/> by its softmax, on the double-precision vectors of the flavor the
    /// generated kernels use (<see cref="SimdSelection.Current"/>).</summary>
    public static void InPlace(Span<float> row)
    {
        ref float start = ref MemoryMarshal.GetReference(row);
        switch (SimdSelection.Current)
        {
            case SimdFlavor.Vector512:
                InPlace<Double512>(ref start, row.Length);
                break;
            case SimdFlavor.Vector256:
                InPlace<Double256>(ref start, row.Length);
                break;
            case SimdFlavor.Vector128:
                InPlace<Double128>(ref start, row.Length);
                break;
            default:
                InPlace<DoubleScalar>(ref start, row.Length);
                break;
        }
    }

    /// <summary>Softmax of the <paramref name="count"/> floats at <paramref name="row"/>, in place.</summary>
    public static void InPlace<T>(ref float row, int count) where T : struct, IDoubleVector<T>
    {
        int vectorEnd = count - count % T.Count;

        // Pass 1: the maximum, NaN if any entry is NaN.
        double max = double.NegativeInfinity;
        for (int i = 0; i < vectorEnd; i += T.Count)
        {
            max = System.Math.Max(max, T.MaxAcross(T.LoadWidened(ref Unsafe.Add(ref row, i))));
        }

        for (int i = vectorEnd; i < count; i++)
        {
            max = System.Math.Max(max, Unsafe.Add(ref row, i));
        }

        // Pass 2: the sum of the shifted exponentials, in lanes and then across them.
        T shift = T.Create(max);
        T lanes = T.Create(0);
        for (int i = 0; i < vectorEnd; i += T.Count)
        {
            lanes += ShiftedExp(T.LoadWidened(ref Unsafe.Add(ref row, i)), shift);
        }

        double sum = T.SumAcross(lanes);
        for (int i = vectorEnd; i < count; i++)
        {
            sum += ShiftedExp(new DoubleScalar(Unsafe.Add(ref row, i)), new DoubleScalar(max)).Value;
        }

        // Pass 3: recompute each exponential (cheaper than keeping them in double) and divide.
        T total = T.Create(sum);
        for (int i = 0; i < vectorEnd; i += T.Count)
        {
            ref float slot = ref Unsafe.Add(ref row, i);
            T.StoreNarrowed(ShiftedExp(T.LoadWidened(ref slot), shift) / total, ref slot);
        }

        for (int i = vectorEnd; i < count; i++)
        {
            ref float slot = ref Unsafe.Add(ref row, i);
            slot = (float)(ShiftedExp(new DoubleScalar(slot), new DoubleScalar(max)).Value / sum);
        }
    }

    /// <summary>
    /// Softmax over the first <paramref name="count"/> lanes of <paramref name="parts"/> (consecutive vectors of one
    /// row held in registers): stores the first <paramref name="storeCount"/> floats (count rounded up to whole float
    /// vectors, which the destination row has room for), lanes past count as 0. Parts wholly past count are neither
    /// read nor computed.
    /// </summary>
    public static void Store<T>(Span<T> parts, int count, int storeCount, ref float destination)
        where T : unmanaged, IDoubleVector<T>
    {
        int used = (count + T.Count - 1) / T.Count;
        double max = double.NegativeInfinity;
        for (int p = 0; p < used; p++)
        {
            parts[p] = T.Select(ValidLanes<T>(p, count), parts[p], T.Create(double.NegativeInfinity));
            max = System.Math.Max(max, T.MaxAcross(parts[p]));
        }

        T shift = T.Create(max);
        T lanes = T.Create(0);
        for (int p = 0; p < used; p++)
        {
            parts[p] = T.Select(ValidLanes<T>(p, count), ShiftedExp(parts[p], shift), T.Create(0));
            lanes += parts[p];
        }

        T total = T.Create(T.SumAcross(lanes));
        for (int p = 0; p * T.Count < storeCount; p++)
        {
            T.StoreNarrowed(p < used ? parts[p] / total : T.Create(0), ref Unsafe.Add(ref destination, p * T.Count));
        }
    }

    /// <summary>
    /// <see cref="Store{T}(Span{T}, int, int, ref float)"/> for a row held in two vectors, <paramref name="low"/> and
    /// <paramref name="high"/> (count ≤ 2 × T.Count): the common case of a classifier with few classes, kept in
    /// registers rather than in a span on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(T low, T high, int count, int storeCount, ref float destination)
        where T : unmanaged, IDoubleVector<T>
    {
        T lowValid = ValidLanes<T>(0, count), highValid = ValidLanes<T>(1, count);
        T negativeInfinity = T.Create(double.NegativeInfinity), zero = T.Create(0);
        low = T.Select(lowValid, low, negativeInfinity);
        high = T.Select(highValid, high, negativeInfinity);
        double max = count > T.Count ? System.Math.Max(T.MaxAcross(low), T.MaxAcross(high)) : T.MaxAcross(low);

        T shift = T.Create(max);
        low = T.Select(lowValid, ShiftedExp(low, shift), zero);
        high = count > T.Count ? T.Select(highValid, ShiftedExp(high, shift), zero) : zero;
        T total = T.Create(T.SumAcross(low + high));

        T.StoreNarrowed(low / total, ref destination);
        if (storeCount > T.Count)
        {
            T.StoreNarrowed(high / total, ref Unsafe.Add(ref destination, T.Count));
        }
    }

    /// <summary>The log-sum-exp of a row in double precision: max + ln Σ exp(x − max), never overflowing.</summary>
    public static double LogSumExp(ReadOnlySpan<float> row)
    {
        double max = double.NegativeInfinity;
        foreach (float value in row)
        {
            max = System.Math.Max(max, value);
        }

        if (double.IsInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        double sum = 0;
        foreach (float value in row)
        {
            sum += System.Math.Exp(value - max);
        }

        return max + System.Math.Log(sum);
    }

    /// <summary>exp(x − max), with x = max giving 1, so that ±∞ entries equal to the maximum count once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ShiftedExp<T>(T x, T max) where T : struct, IDoubleVector<T>
        => T.Exp(T.Select(T.EqualTo(x, max), T.Create(0), x - max));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ValidLanes<T>(int part, int count) where T : struct, IDoubleVector<T>
        => T.LessThan(T.Indices + T.Create(part * T.Count), T.Create(count));
}

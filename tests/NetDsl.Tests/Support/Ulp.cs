namespace NetDsl.Tests.Support;

/// <summary>Distances between floats in units in the last place.</summary>
public static class Ulp
{
    /// <summary>How many representable floats lie between a and b (0 when equal, including +0 and −0; NaN against NaN
    /// is 0, NaN against a number is int.MaxValue).</summary>
    public static long Distance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return float.IsNaN(a) && float.IsNaN(b) ? 0 : int.MaxValue;
        }

        return System.Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>The exact value rounded to float, then the distance to it.</summary>
    public static long FromExact(float actual, double exact) => Distance(actual, (float)exact);

    // Maps floats onto integers in the same order, so that neighbours differ by 1 across zero too.
    private static long Ordered(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? -(long)(bits & int.MaxValue) : bits;
    }
}

namespace NetDsl.Initialization;

/// <summary>
/// Math whose results are bit-identical on every machine: only IEEE-754 addition, multiplication, division and square
/// root, which every platform rounds the same way. Math.Log comes from the platform's C library and may differ in the
/// last bit between operating systems, which would make initial weights differ too.
/// </summary>
public static class PortableMath
{
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>ln(x) for positive finite x, to about 1e-16 relative.</summary>
    public static double Log(double x)
    {
        // x = m·2^e with m in [√½, √2), then ln(m) = 2·atanh(f), f = (m − 1)/(m + 1), |f| ≤ 0.1716.
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        if (exponent == -1023)
        {
            // Subnormal: scale into the normal range first.
            return Log(x * 18014398509481984.0) - 54 * Ln2;
        }

        if (mantissa > 1.4142135623730951)
        {
            mantissa *= 0.5;
            exponent++;
        }

        double f = (mantissa - 1) / (mantissa + 1);
        double square = f * f;

        // atanh(f)/f = Σ s^k/(2k + 1); with s ≤ 0.0295 the terms past k = 12 are below 1e-20.
        double series = 0;
        for (int k = 12; k >= 0; k--)
        {
            series = series * square + 1.0 / (2 * k + 1);
        }

        return exponent * Ln2 + 2 * f * series;
    }
}

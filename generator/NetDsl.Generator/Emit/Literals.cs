using System;
using System.Globalization;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Numbers as C# literals: invariant culture whatever the build's culture, and the shortest text that parses back to
/// the same bits, falling back to 9 or 17 digits on frameworks whose "R" format does not round-trip (the generator
/// may run on .NET Framework inside Visual Studio).
/// </summary>
internal static class Literals
{
    public static string Float(double value)
    {
        float single = (float)value;
        string text = single.ToString("R", CultureInfo.InvariantCulture);
        if (!SameBits(float.Parse(text, CultureInfo.InvariantCulture), single))
        {
            text = single.ToString("G9", CultureInfo.InvariantCulture);
        }

        return text + "F";
    }

    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture))
            != BitConverter.DoubleToInt64Bits(value))
        {
            text = value.ToString("G17", CultureInfo.InvariantCulture);
        }

        return text + "D";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool SameBits(float left, float right)
        => BitConverter.ToInt32(BitConverter.GetBytes(left), 0)
            == BitConverter.ToInt32(BitConverter.GetBytes(right), 0);
}

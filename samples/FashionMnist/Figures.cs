using System.Globalization;

namespace FashionMnistSample;

/// <summary>How the app prints the numbers it reports.</summary>
internal static class Figures
{
    /// <summary>A loss with four decimals, or in scientific notation from 100,000 on, where a diverging run's
    /// 546293902616136667812404920320.0000 would stretch every table: "0.3151", "5.46E+029", "NaN".</summary>
    public static string Loss(double loss)
        => double.IsFinite(loss) && Math.Abs(loss) >= 1e5
            ? loss.ToString("0.00E+000", CultureInfo.CurrentCulture)
            : loss.ToString("F4", CultureInfo.CurrentCulture);

    /// <summary><paramref name="path"/> as a POSIX shell reads it back: as it is when it holds only characters no
    /// shell treats specially, else in single quotes, so that a printed command can be pasted.</summary>
    public static string ShellWord(string path)
        => path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_' or '+' or ':')
            ? path
            : "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}

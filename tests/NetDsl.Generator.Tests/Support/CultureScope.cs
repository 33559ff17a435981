using System.Globalization;

namespace NetDsl.Generator.Tests.Support;

/// <summary>Sets the current culture and UI culture of this test's thread (and the tasks it starts) until disposed.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>The invariant culture with U+2212 MINUS SIGN as its negative sign: any number formatted with the
    /// current culture instead of the invariant one shows up as text C# does not parse.</summary>
    public static CultureInfo UnusualMinus
    {
        get
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            return culture;
        }
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}

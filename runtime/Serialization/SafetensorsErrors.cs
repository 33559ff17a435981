using System.Globalization;
using System.Text;

namespace NetDsl.Serialization;

/// <summary>
/// The exceptions of a failed read or load, and how messages quote what a hostile file holds. Both kinds are
/// <see cref="InvalidDataException"/> (a sealed type, so they cannot be told apart by type); the message's opening
/// words tell a malformed file from a well-formed one that does not fit the model.
/// </summary>
internal static class SafetensorsErrors
{
    public static InvalidDataException Malformed(string problem)
        => new(Sentence("Not a valid safetensors file: ", problem));

    public static InvalidDataException Mismatch(string problem)
        => new(Sentence("The weights file does not fit the model: ", problem));

    /// <summary>The most characters of a file's text that a message quotes.</summary>
    private const int QuotedLength = 60;

    /// <summary>Keeps messages short and inert whatever a hostile file puts in a name or a number: at most
    /// <see cref="QuotedLength"/> characters, never half of a surrogate pair, and every control or format character
    /// written as \uXXXX, so that a printed or logged message cannot carry terminal escapes, line breaks, NULs or
    /// bidirectional overrides.</summary>
    public static string Shorten(string text)
    {
        int length = Math.Min(text.Length, QuotedLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var quoted = new StringBuilder(length + 8);
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            bool paired = char.IsHighSurrogate(c) ? i + 1 < length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            if (IsInert(c) || paired)
            {
                quoted.Append(c);
            }
            else
            {
                quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return length < text.Length ? quoted.Append('…').ToString() : quoted.ToString();
    }

    /// <summary>A name as messages show it: quoted and shortened.</summary>
    public static string Quote(string name) => "'" + Shorten(name) + "'";

    /// <summary>Whether a character shows as itself: not a control, format, separator or unpaired surrogate.</summary>
    private static bool IsInert(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate => false,
        _ => true,
    };

    /// <summary>Ends the message with one period: a problem is a phrase without one, but the message of another
    /// exception quoted at its end (System.Text.Json's) brings its own.</summary>
    private static string Sentence(string opening, string problem) => opening + problem.TrimEnd('.', ' ') + ".";
}

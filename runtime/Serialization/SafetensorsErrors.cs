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

    /// <summary>Keeps messages short whatever a hostile file puts in a name or a number.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>A name as messages show it: quoted and shortened.</summary>
    public static string Quote(string name) => "'" + Shorten(name) + "'";

    /// <summary>Ends the message with one period: a problem is a phrase without one, but the message of another
    /// exception quoted at its end (System.Text.Json's) brings its own.</summary>
    private static string Sentence(string opening, string problem) => opening + problem.TrimEnd('.', ' ') + ".";
}

namespace FashionMnistSample;

/// <summary>A count with its noun, singular for one: "1 epoch", "10 epochs", "60,000 training images".</summary>
internal static class Plural
{
    /// <param name="count">The number, printed with group separators.</param>
    /// <param name="noun">The singular, made plural by an s (every noun the app counts is regular).</param>
    public static string Of(int count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";
}

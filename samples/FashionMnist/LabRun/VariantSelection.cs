using NetDsl;

namespace FashionMnistSample.LabRun;

/// <summary>Picks the lab variants to run from --lab-only ("HeNormal×ReLU,Zeros×Sigmoid") and --lab-limit.</summary>
internal static class VariantSelection
{
    private static readonly char[] PairSeparators = ['×', 'x', 'X', '*'];

    public static IReadOnlyList<NetworkVariant> Select(IReadOnlyList<NetworkVariant> grid, string? only, int? limit)
    {
        IEnumerable<NetworkVariant> chosen = grid;
        if (only is not null)
        {
            string[] names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
            {
                throw new UsageException($"--lab-only '{only}' names no variant: give one or more, such as "
                    + "\"HeNormal×ReLU,Zeros×Sigmoid\", or leave the option out to run the whole grid");
            }

            chosen = names.Select(name => Find(grid, name)).Distinct();
        }

        return [.. limit is { } n ? chosen.Take(n) : chosen];
    }

    private static NetworkVariant Find(IReadOnlyList<NetworkVariant> grid, string name)
    {
        // Try every separator position: an 'x' may also sit inside a name (Xavier). Enum parsing accepts the aliases
        // (He, Xavier) and any case, but numbers too ("0x2" would be Zeros × Tanh): a name starts with a letter.
        for (int i = name.Length - 1; i > 0; i--)
        {
            if (Array.IndexOf(PairSeparators, name[i]) >= 0
                && IsName(name[..i], out string initName) && IsName(name[(i + 1)..], out string activationName)
                && Enum.TryParse(initName, ignoreCase: true, out Init init)
                && Enum.TryParse(activationName, ignoreCase: true, out Act activation)
                && grid.FirstOrDefault(v => v.Init == init && v.Activation == activation) is { } match)
            {
                return match;
            }
        }

        throw new UsageException($"--lab-only: no variant '{name}'. The grid has "
            + string.Join(", ", grid.Select(v => $"{v.Init}×{v.Activation}")));
    }

    private static bool IsName(string text, out string name)
    {
        name = text.Trim();
        return name.Length > 0 && char.IsAsciiLetter(name[0]);
    }
}

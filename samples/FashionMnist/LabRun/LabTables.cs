using System.Text;
using Spectre.Console;

namespace FashionMnistSample.LabRun;

/// <summary>The lab's two tables, for the console and as Markdown: the ranking, and in the same order how each
/// variant started, which says why a variant learned or did not.</summary>
internal static class LabTables
{
    public const string Definitions =
        "At initialization, on the first training batch, before any update: activation mean ± std over every unit and "
        + "row of each hidden layer; the share of dead units (ReLU: output ≤ 0 on every row; LeakyReLU, ELU, SELU: "
        + "pre-activation < 0 on every row) or saturated units (Tanh: mean |a| > 0.99; Sigmoid: mean |2a − 1| "
        + "> 0.98, i.e. outside [0.01, 0.99] on average); the L2 norm of each layer's weight and bias gradient, "
        + "hidden layers then the output layer.";

    private static readonly string[] RankingHeaders =
        ["rank", "variant", "validation accuracy", "by epoch", "validation loss", "training loss", "seconds"];

    private static readonly string[] DiagnosticsHeaders =
        ["rank", "variant", "initial loss", "activation mean ± std", "dead or saturated", "gradient norm"];

    public static Table Ranking(IReadOnlyList<VariantResult> ranked)
        => ToTable("Ranked by validation accuracy after the last epoch", RankingHeaders, ranked.Select(RankingRow));

    public static Table Diagnostics(IReadOnlyList<VariantResult> ranked)
        => ToTable("Why: each variant at initialization", DiagnosticsHeaders, ranked.Select(DiagnosticsRow));

    public static string Markdown(
        IReadOnlyList<VariantResult> ranked, Settings settings, DataSource source, string plotFile)
    {
        var text = new StringBuilder();
        text.AppendLine("# Initializer × activation lab").AppendLine();
        text.AppendLine($"784-256-128-64-10, {Plural.Of(ranked.Count, "variant")}, "
            + $"{Plural.Of(settings.LabEpochs, "epoch")} each, {settings.DescribeOptimizer()}, "
            + $"batch {settings.BatchSize:N0}, seed {settings.Seed}; "
            + $"data: {source.Origin}.");
        text.AppendLine().AppendLine($"![Validation accuracy per epoch]({plotFile})").AppendLine();
        text.AppendLine("## Ranking").AppendLine();
        AppendMarkdownTable(text, RankingHeaders, ranked.Select(RankingRow));
        text.AppendLine().AppendLine("## Diagnostics at initialization").AppendLine();
        text.AppendLine(Definitions).AppendLine();
        AppendMarkdownTable(text, DiagnosticsHeaders, ranked.Select(DiagnosticsRow));
        return text.ToString();
    }

    private static string[] RankingRow(VariantResult result, int index) =>
    [
        $"{index + 1}", result.Variant.Name,
        result.DivergedEpoch is { } diverged ? $"diverged in epoch {diverged}" : $"{result.Accuracy:F4}",
        string.Join(" ", result.Epochs.Select(e => $"{e.Validation!.Value.Accuracy:F3}")),
        Figures.Loss(result.ValidationLoss), Figures.Loss(result.TrainingLoss), $"{result.Seconds:F1}",
    ];

    private static string[] DiagnosticsRow(VariantResult result, int index)
    {
        InitialDiagnostics initial = result.Initial;
        string kind = InitialDiagnostics.InactiveKind(result.Variant.Activation) ?? "";
        return
        [
            $"{index + 1}", result.Variant.Name, $"{initial.Loss:F3}",
            string.Join(" / ", initial.Hidden.Select(h => $"{Compact(h.Mean)}±{Compact(h.Std)}")),
            kind + " " + string.Join(" / ", initial.Hidden.Select(Share)),
            string.Join(" / ", initial.GradientNorms.Select(Compact)),
        ];
    }

    private static string Share(LayerHealth layer) => double.IsNaN(layer.Inactive) ? "-" : $"{layer.Inactive:P0}";

    /// <summary>Two decimals where they say something, scientific notation for the tiny values of a vanishing signal.
    /// </summary>
    public static string Compact(double value) => value switch
    {
        0 => "0",
        double.NaN => "NaN",
        _ when Math.Abs(value) >= 1e5 => value.ToString("0.0e+0"),
        _ when Math.Abs(value) >= 100 => value.ToString("F0"),
        _ when Math.Abs(value) >= 0.01 => value.ToString("F2"),
        _ => value.ToString("0.0e+0"),
    };

    private static Table ToTable(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(header));
        }

        foreach (string[] row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static void AppendMarkdownTable(StringBuilder text, string[] headers, IEnumerable<string[]> rows)
    {
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (string[] row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }
}

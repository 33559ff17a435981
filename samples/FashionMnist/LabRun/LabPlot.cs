using System.Globalization;
using NetDsl;
using ScottPlot;

namespace FashionMnistSample.LabRun;

/// <summary>
/// Validation accuracy per epoch, one panel per initializer and one line per activation, an activation keeping its
/// colour and marker in every panel.
/// </summary>
/// <remarks>
/// Most variants end within a point or two of each other while the failing ones sit at chance, so a single panel on a
/// 0 to 1 axis drew twenty lines on top of each other. Each panel's y-axis is fitted to its own lines instead; a
/// dashed line at the lab's best accuracy, drawn in every panel, keeps the panels comparable. Variants whose
/// accuracies are equal at every epoch share one line and one legend entry, so that no line hides another unsaid.
/// </remarks>
internal static class LabPlot
{
    private const int Columns = 3;

    /// <summary>Each panel's size in pixels, legend included: the image grows with the grid, so that a lab of one or
    /// two initializers gets panels no wider or taller than the full grid's.</summary>
    private const int PanelWidth = 600, PanelHeight = 450;

    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
         MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond];

    /// <summary>Writes the plot to <paramref name="path"/> as a PNG and returns the groups of variants that share a
    /// line, each of two or more, for the console to name too.</summary>
    public static IReadOnlyList<IReadOnlyList<VariantResult>> Save(IReadOnlyList<VariantResult> results, string path)
    {
        List<Act> activations = [.. results.Select(r => r.Variant.Activation).Distinct()];
        List<IGrouping<Init, VariantResult>> panels = [.. results.GroupBy(r => r.Variant.Init)];
        VariantResult best = VariantResult.Rank(results)[0];
        int epochs = results.Max(r => r.Epochs.Count);

        // A new Multiplot holds one empty plot; the panels replace it.
        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        List<IReadOnlyList<VariantResult>> shared = [];
        foreach (IGrouping<Init, VariantResult> panel in panels)
        {
            List<IReadOnlyList<VariantResult>> lines = [.. panel.GroupBy(Accuracies).Select(g => g.ToList())];
            multiplot.AddPlot(Panel(panel.Key, lines, activations, best, epochs));
            shared.AddRange(lines.Where(line => line.Count > 1));
        }

        int columns = Math.Min(Columns, panels.Count), rows = (panels.Count + columns - 1) / columns;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        multiplot.SavePng(path, columns * PanelWidth, rows * PanelHeight);
        return shared;
    }

    /// <summary>One initializer's panel: a line per group of variants with the same accuracies.</summary>
    private static Plot Panel(
        Init init, List<IReadOnlyList<VariantResult>> lines, List<Act> activations, VariantResult best, int epochs)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        List<double> shown = best.DivergedEpoch is null ? [best.Accuracy] : [];
        foreach (IReadOnlyList<VariantResult> same in lines)
        {
            VariantResult first = same[0];
            (double[] x, double[] y) = FinitePoints(first);
            int style = activations.IndexOf(first.Variant.Activation);
            var line = plot.Add.Scatter(x, y);
            line.Color = palette.GetColor(style);
            line.MarkerShape = Markers[style % Markers.Length];
            line.MarkerSize = 8;
            line.LineWidth = 2;
            line.LegendText = string.Join(" =\n", same.Select(v => v.Variant.Activation).Chunk(2)
                    .Select(pair => string.Join(" = ", pair)))
                + (first.DivergedEpoch is { } diverged ? $"\n(diverged in epoch {diverged})" : "");
            shown.AddRange(y);
        }

        if (best.DivergedEpoch is null)
        {
            var bestLine = plot.Add.HorizontalLine(
                best.Accuracy, width: 1, color: Colors.Gray, pattern: LinePattern.Dashed);
            bestLine.LegendText = $"lab's best: {best.Accuracy:F4}\n{best.Variant.Name}";
        }

        plot.Title($"initializer {init}", size: 15);
        plot.XLabel("epoch");
        plot.YLabel("validation accuracy");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Axes.SetLimitsX(0.8, epochs + 0.2);
        (double low, double high) = FittedRange(shown);
        plot.Axes.SetLimitsY(low, high);
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The epochs and validation accuracies of <paramref name="result"/> before the one it diverged in, if
    /// any, whose accuracy is that of broken weights.</summary>
    private static (double[] X, double[] Y) FinitePoints(VariantResult result)
    {
        EpochReportPoint[] points = [.. result.Epochs
            .Where(e => e.Epoch < (result.DivergedEpoch ?? int.MaxValue))
            .Select(e => new EpochReportPoint(e.Epoch, e.Validation!.Value.Accuracy))
            .TakeWhile(p => double.IsFinite(p.Accuracy))];
        return ([.. points.Select(p => (double)p.Epoch)], [.. points.Select(p => p.Accuracy)]);
    }

    /// <summary>Groups variants whose lines would coincide: the same accuracy, bit for bit, at every epoch.</summary>
    private static string Accuracies(VariantResult result)
        => string.Join(",", result.Epochs.Select(
            e => e.Validation!.Value.Accuracy.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The range of <paramref name="values"/> padded by a tenth on each side, at least 0.01 wide, within
    /// [0, 1]; all of [0, 1] when there is none (every variant of the panel diverged in its first epoch).</summary>
    private static (double Low, double High) FittedRange(List<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 1);
        }

        double low = values.Min(), high = values.Max();
        double pad = Math.Max((high - low) / 10, 0.005);
        return (Math.Max(0, low - pad), Math.Min(1, high + pad));
    }

    private readonly record struct EpochReportPoint(int Epoch, double Accuracy);
}

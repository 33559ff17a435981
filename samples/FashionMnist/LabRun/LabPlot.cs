using NetDsl;
using ScottPlot;

namespace FashionMnistSample.LabRun;

/// <summary>Validation accuracy per epoch, one line per variant: the colour tells the activation, the marker and the
/// line pattern the initializer.</summary>
internal static class LabPlot
{
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
         MarkerShape.OpenCircle, MarkerShape.OpenSquare];

    private static readonly LinePattern[] Patterns =
        [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed, LinePattern.Solid,
         LinePattern.Dashed];

    public static void Save(IReadOnlyList<VariantResult> results, string path, int width = 1400, int height = 900)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        List<Init> inits = [.. results.Select(r => r.Variant.Init).Distinct()];
        List<Act> activations = [.. results.Select(r => r.Variant.Activation).Distinct()];
        foreach (VariantResult result in results)
        {
            double[] epochs = [0, .. result.Epochs.Select(e => (double)e.Epoch)];
            double[] accuracy = [result.InitialAccuracy, .. result.Epochs.Select(e => e.Validation!.Value.Accuracy)];
            var line = plot.Add.Scatter(epochs, accuracy);
            int style = inits.IndexOf(result.Variant.Init) % Markers.Length;
            line.LegendText = result.Variant.Name;
            line.Color = palette.GetColor(activations.IndexOf(result.Variant.Activation));
            line.MarkerShape = Markers[style];
            line.MarkerSize = 9;
            line.LinePattern = Patterns[style];
            line.LineWidth = 2;
        }

        plot.Title("Initializer × activation: validation accuracy per epoch (784-256-128-64-10, Fashion-MNIST)");
        plot.XLabel("epoch (0: at initialization)");
        plot.YLabel("validation accuracy");
        plot.Axes.SetLimitsY(0, 1);
        plot.Axes.SetLimitsX(-0.2, results.Max(r => r.Epochs.Count) + 0.2);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Edge.Right);
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(path, width, height);
    }
}

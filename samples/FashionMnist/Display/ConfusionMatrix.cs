using NetDsl;
using NetDsl.Data;
using Spectre.Console;

namespace FashionMnistSample.Display;

/// <summary>Counts of (true class, predicted class) over a labelled set: the accuracy is its diagonal.</summary>
internal sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    private ConfusionMatrix(int[,] counts, int total)
    {
        _counts = counts;
        Total = total;
    }

    public int Total { get; }

    public int Correct => Enumerable.Range(0, _counts.GetLength(0)).Sum(c => _counts[c, c]);

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Runs every image of <paramref name="set"/> through <paramref name="network"/> in one batch.</summary>
    public static ConfusionMatrix Measure(INetwork network, LabelledImageSet set)
    {
        int classes = network.OutputSize;
        var outputs = new float[set.Count * classes];
        network.ForwardBatch(set.Images.Pixels, outputs);
        var counts = new int[classes, classes];
        for (int i = 0; i < set.Count; i++)
        {
            // An image whose outputs are all NaN has no predicted class (-1): it counts against the accuracy, in no
            // column.
            int predicted = NetDsl.Kernels.Rows.ArgMax(outputs.AsSpan(i * classes, classes));
            if (predicted >= 0)
            {
                counts[set.Labels[i], predicted]++;
            }
        }

        return new ConfusionMatrix(counts, set.Count);
    }

    /// <summary>Rows are true classes, columns predicted ones, headed by class index so the table fits 80 columns;
    /// the diagonal is highlighted.</summary>
    public Table ToTable(IReadOnlyList<string> classNames)
    {
        int classes = _counts.GetLength(0);
        var table = new Table().Border(TableBorder.Simple)
            .Caption("rows: true class; columns: predicted class, by index")
            .AddColumn("true \\ predicted");
        for (int c = 0; c < classes; c++)
        {
            table.AddColumn(new TableColumn($"{c}").RightAligned());
        }

        for (int actual = 0; actual < classes; actual++)
        {
            var cells = new List<string> { Markup.Escape($"{actual} {classNames[actual]}") };
            for (int predicted = 0; predicted < classes; predicted++)
            {
                string count = $"{_counts[actual, predicted]}";
                cells.Add(actual == predicted ? $"[bold green]{count}[/]" : count);
            }

            table.AddRow(cells.ToArray());
        }

        return table;
    }
}

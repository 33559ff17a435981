using System.Globalization;
using System.Text.RegularExpressions;
using NetDsl;
using NetDsl.Data;
using NetDsl.Serialization;
using Spectre.Console;

namespace FashionMnistSample;

/// <summary>
/// Classifies images with saved weights: test-set indices and ranges ("7", "10-19"), each shown with its true class,
/// or IDX image files of 28 x 28 images, every image of which is classified.
/// </summary>
internal static partial class PredictJob
{
    public static int Run(Settings settings, IAnsiConsole console)
    {
        string path = Path.GetFullPath(settings.WeightsPath);
        if (Directory.Exists(path))
        {
            throw new UsageException($"--weights {settings.WeightsPath}: a directory, not a weights file");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"no weights file at {path}: train first (run without --predict), or name the "
                + "file with --weights");
        }

        INetwork network = NetworkFor(path);
        network.LoadWeights(path);
        console.WriteLine($"weights: {path}");
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        if (parameters.Count(p => !float.IsFinite(p)) is var broken and > 0)
        {
            // A file saved from a run that diverged: every output a broken weight reaches is NaN.
            console.WriteLine($"warning: {Plural.Of(broken, "parameter")} of {parameters.Length:N0} in the file "
                + $"{(broken == 1 ? "is" : "are")} NaN or infinite, so the outputs they reach are NaN");
        }

        console.WriteLine($"network: {network.Description.Name}, {MainJob.Describe(network.Description)}");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("image").AddColumn("predicted").AddColumn(new TableColumn("confidence").RightAligned())
            .AddColumn("true class");
        var probabilities = new float[network.OutputSize];
        int known = 0, correct = 0;
        foreach (Item item in Items(settings, console))
        {
            network.Forward(item.Pixels.Span, probabilities);
            int predicted = NetDsl.Kernels.Rows.ArgMax(probabilities);
            string truth = "unknown";
            if (item.Label is { } label)
            {
                known++;
                correct += label == predicted ? 1 : 0;
                string mark = label == predicted ? " [green]✓[/]" : " [red]✗[/]";
                truth = Markup.Escape(FashionMnist.ClassNames[label]) + mark;
            }

            // -1: every output is NaN (an image with NaN pixels, or weights that diverged).
            table.AddRow(Markup.Escape(item.Name),
                predicted < 0 ? "none (NaN outputs)" : Markup.Escape(FashionMnist.ClassNames[predicted]),
                predicted < 0 ? "" : $"{probabilities[predicted]:P1}", truth);
        }

        console.Write(table);
        if (known > 0)
        {
            console.WriteLine($"{correct:N0} of {known:N0} correct");
        }

        return 0;
    }

    /// <summary>The network <paramref name="path"/> was saved from, by the name its metadata records: FashionNet or
    /// one of the lab's variants (the lab saves its best). A file without that name, such as a PyTorch export, or
    /// with another, goes to FashionNet, whose load then says what differs.</summary>
    private static INetwork NetworkFor(string path)
    {
        string? name = WeightsFile.Inspect(path).Metadata.GetValueOrDefault(WeightsMetadata.NetworkKey);
        return Lab.Variants.Select(variant => variant.Create()).FirstOrDefault(n => n.Description.Name == name)
            ?? new FashionNet();
    }

    private sealed record Item(string Name, ReadOnlyMemory<float> Pixels, int? Label);

    /// <summary>The images to classify, in the order given; the test set is read at the first index, and a note
    /// about where it came from, if any, goes to <paramref name="console"/> then.</summary>
    private static IEnumerable<Item> Items(Settings settings, IAnsiConsole console)
    {
        LabelledImageSet? test = null;
        // An argument that names a file or folder is taken whole: a comma may sit in a file's name.
        IEnumerable<string> tokens = settings.Predict!.SelectMany(argument => File.Exists(argument)
            || Directory.Exists(argument) ? [argument] : argument.Split(',', StringSplitOptions.RemoveEmptyEntries));
        foreach (string token in tokens)
        {
            if (TryParseRange(token, out int first, out int last))
            {
                if (test is null)
                {
                    DataSource source = DataSource.Locate(settings);
                    test = source.LoadTest();
                    if (source.Note is { } note)
                    {
                        console.WriteLine(note);
                    }

                    console.WriteLine(
                        $"data: {source.Origin}, {source.Directory}, {Plural.Of(test.Count, "test image")}");
                }

                if (last >= test.Count)
                {
                    throw new UsageException(
                        $"--predict {token}: the test set has {Plural.Of(test.Count, "image")}, 0 to "
                        + $"{test.Count - 1}");
                }

                for (int i = first; i <= last; i++)
                {
                    yield return new Item($"test #{i}", Image(test.Images, i), test.Labels[i]);
                }
            }
            else if (File.Exists(token))
            {
                ImageSet images = IdxReader.ReadImages(token);
                if (images.PixelsPerImage != FashionNet.InputSize)
                {
                    throw new UsageException($"{token}: images of {images.Rows} x {images.Columns}, not 28 x 28");
                }

                for (int i = 0; i < images.Count; i++)
                {
                    yield return new Item($"{Path.GetFileName(token)} #{i}", Image(images, i), null);
                }
            }
            else if (Directory.Exists(token))
            {
                throw new UsageException($"--predict {token}: a directory; name an IDX images file in it");
            }
            else
            {
                throw new UsageException(IsReversedRange(token)
                    ? $"--predict {token}: a range goes from the lower index to the higher, as in 10-19"
                    : IndexPattern().IsMatch(token)
                    ? $"--predict {token}: beyond every test-set index (the full set has 10,000 images, 0 to 9999)"
                    : $"--predict {token}: not a test-set index (7), a range of them (10-19) or an existing file");
            }
        }
    }

    /// <summary>Digits, or two groups of them joined by a hyphen: what an index or a range looks like, whether or not
    /// its numbers fit an int.</summary>
    [GeneratedRegex(@"^\d+(-\d+)?$")]
    private static partial Regex IndexPattern();

    private static ReadOnlyMemory<float> Image(ImageSet images, int index)
        => images.Pixels.AsMemory(index * images.PixelsPerImage, images.PixelsPerImage);

    /// <summary>"7" or "10-19" (inclusive), non-negative and in order.</summary>
    private static bool IsReversedRange(string token)
    {
        string[] parts = token.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
            && first > last;
    }

    private static bool TryParseRange(string token, out int first, out int last)
    {
        string[] parts = token.Split('-');
        first = last = -1;
        bool parsed = parts.Length switch
        {
            1 => int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first),
            2 => int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last),
            _ => false,
        };
        if (parts.Length == 1)
        {
            last = first;
        }

        return parsed && first <= last;
    }
}

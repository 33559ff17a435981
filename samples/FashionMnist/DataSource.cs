using NetDsl.Data;
using NetDsl.Training;

namespace FashionMnistSample;

/// <summary>
/// Where the images come from and how the training images split: the last min(5,000, a sixth) of them validate, the
/// rest train, so the full set gives 55,000 + 5,000 and the embedded subset 5,000 + 1,000. The test set stays apart.
/// </summary>
internal sealed class DataSource
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the full data set.</summary>
    public const string InstalledDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The value of --data that picks the subset shipped in the app's data folder.</summary>
    public const string EmbeddedKeyword = "embedded";

    public const int MaxValidationCount = 5_000;

    private DataSource(string directory, string origin)
    {
        Directory = directory;
        Origin = origin;
    }

    /// <summary>The full path of the directory read.</summary>
    public string Directory { get; }

    /// <summary>How the directory was chosen, for the first line of output.</summary>
    public string Origin { get; }

    /// <summary>The --data directory if given, else the installed full set if present, else the embedded subset.
    /// </summary>
    public static DataSource Locate(string? data)
    {
        if (data is not null && !data.Equals(EmbeddedKeyword, StringComparison.OrdinalIgnoreCase))
        {
            return new DataSource(Path.GetFullPath(data), "the directory given with --data");
        }

        if (data is null && System.IO.Directory.Exists(InstalledDirectory))
        {
            return new DataSource(InstalledDirectory, "the installed Fashion-MNIST");
        }

        return new DataSource(DataDirectory.Resolve("data"), "the embedded subset");
    }

    /// <summary>The number of training images held out for validation.</summary>
    public static int ValidationCount(int trainingImages) => Math.Min(MaxValidationCount, trainingImages / 6);

    public LabelledImageSet LoadTraining() => FashionMnist.LoadTraining(Directory);

    public LabelledImageSet LoadTest() => FashionMnist.LoadTest(Directory);

    /// <summary>The training images as the training loop's fit and validation sets.</summary>
    public static (TrainingSet Fit, TrainingSet Validation) Split(LabelledImageSet training)
    {
        TrainingSet all = ToTrainingSet(training);
        int validation = ValidationCount(all.Count);
        return (all.Slice(0, all.Count - validation), all.Slice(all.Count - validation, validation));
    }

    public static TrainingSet ToTrainingSet(LabelledImageSet set)
        => TrainingSet.WithLabels(set.Images.Pixels, set.Images.PixelsPerImage, [.. set.Labels.Select(l => (int)l)]);
}

using NetDsl.Data;
using NetDsl.Training;

namespace FashionMnistSample;

/// <summary>
/// Where the images come from and how the training images split: the last min(5,000, a sixth) of them validate, but at
/// least one, the rest train, so the full set gives 55,000 + 5,000 and the embedded subset 5,000 + 1,000. The test set
/// stays apart. Both sets are checked as they load, so that data the networks cannot take fails before any training.
/// </summary>
internal sealed class DataSource
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the full data set.</summary>
    public const string InstalledDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The value of --data that picks the subset shipped in the app's data folder.</summary>
    public const string EmbeddedKeyword = "embedded";

    public const int MaxValidationCount = 5_000;

    /// <summary>One image to train on and one to validate: the fewest training images that split.</summary>
    public const int MinTrainingCount = 2;

    /// <summary>The image size of Fashion-MNIST, which every network of the app takes as its 784 inputs.</summary>
    public const int ImageSide = 28;

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

    /// <summary>The number of training images held out for validation. At least one, so that a set of 2 to 5 images
    /// still splits: the training loop keeps the epoch with the lowest validation loss, and the lab ranks by
    /// validation accuracy.</summary>
    public static int ValidationCount(int trainingImages)
        => Math.Max(1, Math.Min(MaxValidationCount, trainingImages / 6));

    /// <summary>The training images, checked to be 28 x 28 and enough to split.</summary>
    /// <exception cref="InvalidDataException">They are not; the message names the file.</exception>
    public LabelledImageSet LoadTraining()
    {
        LabelledImageSet training = FashionMnist.LoadTraining(Directory);
        string imagesPath = FashionMnist.FindFile(Directory, FashionMnist.TrainingImagesFile);
        CheckImageSize(training, imagesPath);
        if (training.Count < MinTrainingCount)
        {
            throw new InvalidDataException($"{imagesPath} holds {Plural.Of(training.Count, "image")}: training needs "
                + $"at least {MinTrainingCount}, one to train on and one to hold out for validation");
        }

        return training;
    }

    /// <summary>The test images, checked to be 28 x 28.</summary>
    /// <exception cref="InvalidDataException">They are not; the message names the file.</exception>
    public LabelledImageSet LoadTest()
    {
        LabelledImageSet test = FashionMnist.LoadTest(Directory);
        CheckImageSize(test, FashionMnist.FindFile(Directory, FashionMnist.TestImagesFile));
        return test;
    }

    /// <summary>The training images as the training loop's fit and validation sets.</summary>
    public static (TrainingSet Fit, TrainingSet Validation) Split(LabelledImageSet training)
    {
        TrainingSet all = ToTrainingSet(training);
        int validation = ValidationCount(all.Count);
        return (all.Slice(0, all.Count - validation), all.Slice(all.Count - validation, validation));
    }

    /// <summary>Refuses images of another size as soon as they load: the networks would otherwise fail deep inside
    /// training, or, for the test set, only after the whole run.</summary>
    private static void CheckImageSize(LabelledImageSet set, string imagesPath)
    {
        if (set.Images.Rows != ImageSide || set.Images.Columns != ImageSide)
        {
            throw new InvalidDataException($"{imagesPath}: images of {set.Images.Rows} x {set.Images.Columns} pixels, "
                + $"not the {ImageSide} x {ImageSide} of Fashion-MNIST that the networks take");
        }
    }

    public static TrainingSet ToTrainingSet(LabelledImageSet set)
        => TrainingSet.WithLabels(set.Images.Pixels, set.Images.PixelsPerImage, [.. set.Labels.Select(l => (int)l)]);
}

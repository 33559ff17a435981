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

    /// <summary>What follows a missing file's or folder's message when the user named the folder.</summary>
    private const string EmbeddedHint = "; --data embedded reads the subset shipped with the app";

    private static readonly string[] StandardFiles =
    [
        FashionMnist.TrainingImagesFile, FashionMnist.TrainingLabelsFile, FashionMnist.TestImagesFile,
        FashionMnist.TestLabelsFile,
    ];

    private DataSource(string directory, string origin, bool givenWithData = false, string? note = null)
    {
        Directory = directory;
        Origin = origin;
        GivenWithData = givenWithData;
        Note = note;
    }

    /// <summary>The full path of the directory read.</summary>
    public string Directory { get; }

    /// <summary>How the directory was chosen, for the first line of output.</summary>
    public string Origin { get; }

    /// <summary>Why the run does not read what the user would expect, as "note: ..." lines to print before the
    /// data line; null when there is nothing to explain.</summary>
    public string? Note { get; }

    /// <summary>The folder is the one named with --data (not the keyword), whose missing files are the user's to fix.
    /// </summary>
    private bool GivenWithData { get; }

    /// <summary>
    /// The --data directory if given, else the installed full set if its folder holds the four files, else the
    /// embedded subset. An installed folder that lacks some of them (a half-installed package) is passed over with a
    /// <see cref="Note"/> saying so: the run the user asked for, on the default data, still works. A --data folder
    /// that lacks them is not: the user named it, so the error is theirs to see, with a hint.
    /// </summary>
    public static DataSource Locate(Settings settings)
    {
        string? data = settings.Data;
        if (data is not null && !data.Equals(EmbeddedKeyword, StringComparison.OrdinalIgnoreCase))
        {
            return new DataSource(Path.GetFullPath(data), "the directory given with --data", givenWithData: true);
        }

        string? note = null;
        if (data is null && System.IO.Directory.Exists(settings.InstalledData))
        {
            string[] missing = [.. StandardFiles.Where(file => !HasFile(settings.InstalledData, file))];
            if (missing.Length == 0)
            {
                return new DataSource(settings.InstalledData, "the installed Fashion-MNIST");
            }

            // Three short lines rather than one that a terminal would wrap anywhere.
            string lacking = missing.Length == StandardFiles.Length
                ? "the four Fashion-MNIST files"
                : string.Join(", ", missing);
            note = "note: the installed Fashion-MNIST is incomplete, so this run uses the embedded subset:\n"
                + $"      {settings.InstalledData} lacks {lacking} (raw or .gz);\n"
                + "      apt-get install --reinstall dataset-fashion-mnist mends it, or name a folder with --data";
        }

        else if (data is null)
        {
            // The first run on a fresh machine lands here: say how to get the figures the README reports.
            note = "note: the full Fashion-MNIST is not installed, so this run uses the embedded subset (a tenth of "
                + "it);\n      apt-get install dataset-fashion-mnist installs it, or name a folder with --data";
        }

        return new DataSource(DataDirectory.Resolve("data"), "the embedded subset", note: note);
    }

    /// <summary>The paths of the four files the run may read from <see cref="Directory"/>, raw and compressed, for
    /// the outputs to be checked against: a weights file written over the training images would destroy them.
    /// </summary>
    public IEnumerable<string> DataFiles()
        => StandardFiles.SelectMany(file => new[] { file, file + ".gz" }).Select(file => Path.GetFullPath(Path.Combine(Directory, file)));

    /// <summary>The number of training images held out for validation. At least one, so that a set of 2 to 5 images
    /// still splits: the training loop keeps the epoch with the lowest validation loss, and the lab ranks by
    /// validation accuracy.</summary>
    public static int ValidationCount(int trainingImages)
        => Math.Max(1, Math.Min(MaxValidationCount, trainingImages / 6));

    /// <summary>The training images, checked to be 28 x 28 and enough to split.</summary>
    /// <exception cref="InvalidDataException">They are not; the message names the file.</exception>
    public LabelledImageSet LoadTraining()
    {
        LabelledImageSet training = WithHint(FashionMnist.LoadTraining);
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
        LabelledImageSet test = WithHint(FashionMnist.LoadTest);
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

    private static bool HasFile(string directory, string fileName)
        => File.Exists(Path.Combine(directory, fileName)) || File.Exists(Path.Combine(directory, fileName + ".gz"));

    /// <summary>Loads a split from <see cref="Directory"/>; a file or folder missing from a --data folder gets a hint
    /// at the subset, which a user may have meant, or not know of.</summary>
    private LabelledImageSet WithHint(Func<string, LabelledImageSet> load)
    {
        try
        {
            return load(Directory);
        }
        catch (IOException e) when (GivenWithData && e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException(e.Message + EmbeddedHint, e);
        }
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

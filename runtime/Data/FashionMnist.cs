namespace NetDsl.Data;

/// <summary>
/// Zalando Research's Fashion-MNIST: 28 x 28 grayscale photographs of clothing in ten classes, 60,000 for training
/// and 10,000 for test, stored as four IDX files. Loads a directory in that standard layout, each file raw or
/// gzip-compressed, and names the classes.
/// </summary>
public static class FashionMnist
{
    /// <summary>The number of classes; every label is below it.</summary>
    public const int ClassCount = 10;

    /// <summary>The training images file's name, without ".gz".</summary>
    public const string TrainingImagesFile = "train-images-idx3-ubyte";

    /// <summary>The training labels file's name, without ".gz".</summary>
    public const string TrainingLabelsFile = "train-labels-idx1-ubyte";

    /// <summary>The test images file's name, without ".gz".</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";

    /// <summary>The test labels file's name, without ".gz".</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>The name of each class, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]);

    /// <summary>Loads the training split from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the image and label counts differ, or a label is
    /// not below <see cref="ClassCount"/>.</exception>
    public static LabelledImageSet LoadTraining(string directory)
        => Load(directory, TrainingImagesFile, TrainingLabelsFile);

    /// <summary>Loads the test split from <paramref name="directory"/>.</summary>
    /// <inheritdoc cref="LoadTraining" path="/exception"/>
    public static LabelledImageSet LoadTest(string directory) => Load(directory, TestImagesFile, TestLabelsFile);

    /// <summary>The path of <paramref name="fileName"/> in <paramref name="directory"/>, raw if present, otherwise
    /// with ".gz" appended.</summary>
    /// <exception cref="FileNotFoundException">Neither exists as a file.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist, or is a file.</exception>
    public static string FindFile(string directory, string fileName)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fileName);
        string fullDirectory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(File.Exists(directory)
                ? $"Fashion-MNIST directory expected, {fullDirectory} is a file: name the folder that holds the "
                    + "four files"
                : $"Fashion-MNIST directory not found: {fullDirectory}");
        }

        string raw = Path.Combine(directory, fileName);
        string compressed = raw + ".gz";
        if (File.Exists(raw) || File.Exists(compressed))
        {
            return File.Exists(raw) ? raw : compressed;
        }

        // A folder where the file should be would otherwise read as "missing", which it is not.
        string? folder = Directory.Exists(raw) ? raw : Directory.Exists(compressed) ? compressed : null;
        throw new FileNotFoundException(folder is null
            ? $"Fashion-MNIST file missing: {fileName} (or {fileName}.gz) in {fullDirectory}"
            : $"Fashion-MNIST file expected, {Path.GetFullPath(folder)} is a directory", compressed);
    }

    private static LabelledImageSet Load(string directory, string imagesFile, string labelsFile)
    {
        string imagesPath = FindFile(directory, imagesFile);
        string labelsPath = FindFile(directory, labelsFile);
        LabelledImageSet set = LabelledImageSet.Load(imagesPath, labelsPath);
        int outOfRange = Array.FindIndex(set.Labels, label => label >= ClassCount);
        if (outOfRange >= 0)
        {
            throw new InvalidDataException($"{labelsPath}: label {set.Labels[outOfRange]} at index {outOfRange} is "
                + $"not one of the {ClassCount} classes");
        }

        return set;
    }
}

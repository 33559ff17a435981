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
    /// <exception cref="FileNotFoundException">Neither exists.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static string FindFile(string directory, string fileName)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Fashion-MNIST directory not found: {Path.GetFullPath(directory)}");
        }

        string raw = Path.Combine(directory, fileName);
        string compressed = raw + ".gz";
        return File.Exists(raw) ? raw
            : File.Exists(compressed) ? compressed
            : throw new FileNotFoundException($"Fashion-MNIST file missing: {fileName} (or {fileName}.gz) in "
                + Path.GetFullPath(directory), compressed);
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

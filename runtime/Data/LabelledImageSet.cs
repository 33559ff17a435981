namespace NetDsl.Data;

/// <summary>Images and one class label per image, in the same order: a training or test split.</summary>
public sealed class LabelledImageSet
{
    /// <summary>A set over <paramref name="images"/> and <paramref name="labels"/>, which are kept, not
    /// copied.</summary>
    /// <exception cref="ArgumentException">The counts of images and labels differ.</exception>
    public LabelledImageSet(ImageSet images, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Count != labels.Length)
        {
            throw new ArgumentException($"{images.Count} images but {labels.Length} labels.", nameof(labels));
        }

        Images = images;
        Labels = labels;
    }

    /// <summary>The images, scaled to [0, 1].</summary>
    public ImageSet Images { get; }

    /// <summary>The class of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>The number of labelled images.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads an images file and its labels file (IDX, raw or gzip) and checks that their counts agree.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is malformed, or the counts differ.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static LabelledImageSet Load(string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        ImageSet images = IdxReader.ReadImages(imagesPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (images.Count != labels.Length)
        {
            throw new InvalidDataException(
                $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels");
        }

        return new LabelledImageSet(images, labels);
    }
}

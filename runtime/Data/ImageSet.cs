namespace NetDsl.Data;

/// <summary>
/// Grayscale images of one size, each pixel a float in [0, 1], stored row-major one image after another: the
/// layout a network's batch input takes, <see cref="PixelsPerImage"/> features per sample.
/// </summary>
public sealed class ImageSet
{
    /// <summary>Images over <paramref name="pixels"/>, which is kept, not copied.</summary>
    /// <exception cref="ArgumentException">The pixel count is not <c>count * rows * columns</c>, or one image would
    /// hold more pixels than an array can.</exception>
    public ImageSet(float[] pixels, int count, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);

        // With no images the pixel count checks nothing, and 65536 x 65536 once gave a PixelsPerImage of 0.
        if ((long)rows * columns > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Images of {rows} x {columns} would hold {(long)rows * columns} pixels each, more than the "
                    + $"{Array.MaxLength} an array can.",
                nameof(columns));
        }
        if ((long)count * rows * columns != pixels.Length)
        {
            throw new ArgumentException(
                $"{count} images of {rows} x {columns} need {(long)count * rows * columns}"
                    + $" pixels, not {pixels.Length}.",
                nameof(pixels));
        }

        Pixels = pixels;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Every pixel of every image, row-major, one image after another.</summary>
    public float[] Pixels { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The height of each image.</summary>
    public int Rows { get; }

    /// <summary>The width of each image.</summary>
    public int Columns { get; }

    /// <summary><see cref="Rows"/> times <see cref="Columns"/>: the input size of a network that reads these.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>, row-major.</summary>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>Scales the bytes of a three-dimensional IDX array (count, rows, columns) by 1/255.</summary>
    internal static ImageSet FromIdx(IdxArray array)
    {
        byte[] bytes = array.Data;
        float[] pixels = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            pixels[i] = bytes[i] / 255f;
        }

        return new ImageSet(pixels, array.Dimensions[0], array.Dimensions[1], array.Dimensions[2]);
    }
}

using NetDsl.Data;

namespace NetDsl.Sample.Tests;

/// <summary>A Fashion-MNIST folder made by a test: the four files in the standard layout, raw IDX, with images of any
/// count and size, so that a test can hand the app data that is wrong in exactly one way.</summary>
internal static class DataFolder
{
    /// <summary>Writes the four files into <paramref name="folder"/>; the pixels are arbitrary bytes and the labels
    /// count 0 to 9 over and over. <paramref name="trainingLabels"/> and <paramref name="testLabels"/> default to
    /// one label per image.</summary>
    public static void Write(
        string folder, int training = 12, int test = 10, int trainingSize = 28, int testSize = 28,
        int? trainingLabels = null, int? testLabels = null)
    {
        Directory.CreateDirectory(folder);
        WriteImages(Path.Combine(folder, FashionMnist.TrainingImagesFile), training, trainingSize);
        WriteLabels(Path.Combine(folder, FashionMnist.TrainingLabelsFile), trainingLabels ?? training);
        WriteImages(Path.Combine(folder, FashionMnist.TestImagesFile), test, testSize);
        WriteLabels(Path.Combine(folder, FashionMnist.TestLabelsFile), testLabels ?? test);
    }

    private static void WriteImages(string path, int count, int size)
    {
        byte[] pixels = [.. Enumerable.Range(0, count * size * size).Select(i => (byte)(i * 37))];
        IdxWriter.Write(path, new IdxArray([count, size, size], pixels));
    }

    private static void WriteLabels(string path, int count)
        => IdxWriter.Write(path, new IdxArray([count], [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]));
}

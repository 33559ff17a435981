using NetDsl.Data;

namespace NetDsl.Tests.Data;

/// <summary>Loading a directory in the Fashion-MNIST layout, built here in a temporary directory.</summary>
public class FashionMnistLoaderTests
{
    private static void WriteSplit(TempDirectory directory, string images, string labels, int count, bool compressed)
    {
        byte[] imagesFile = IdxFiles.Images(count, rows: 2, columns: 3);
        byte[] labelsFile = IdxFiles.Labels(Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());
        directory.Write(compressed ? images + ".gz" : images, compressed ? IdxFiles.Gzip(imagesFile) : imagesFile);
        directory.Write(compressed ? labels + ".gz" : labels, compressed ? IdxFiles.Gzip(labelsFile) : labelsFile);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_splits_load_raw_or_compressed(bool compressed)
    {
        using var directory = new TempDirectory();
        WriteSplit(directory, FashionMnist.TrainingImagesFile, FashionMnist.TrainingLabelsFile, 12, compressed);
        WriteSplit(directory, FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile, 5, compressed);

        LabelledImageSet training = FashionMnist.LoadTraining(directory.Path);
        LabelledImageSet test = FashionMnist.LoadTest(directory.Path);

        Assert.Equal((12, 2, 3), (training.Count, training.Images.Rows, training.Images.Columns));
        Assert.Equal([0, 1, 2, 3, 4], test.Labels);
        Assert.Equal(5 * 6, test.Images.Pixels.Length);
    }

    [Fact]
    public void A_raw_file_is_preferred_over_its_gz_beside_it()
    {
        using var directory = new TempDirectory();
        directory.Write(FashionMnist.TestLabelsFile, IdxFiles.Labels(1));
        directory.Write(FashionMnist.TestLabelsFile + ".gz", IdxFiles.Gzip(IdxFiles.Labels(2)));

        string path = FashionMnist.FindFile(directory.Path, FashionMnist.TestLabelsFile);

        Assert.Equal(Path.Combine(directory.Path, FashionMnist.TestLabelsFile), path);
    }

    [Fact]
    public void Image_and_label_counts_that_differ_fail_naming_both_files()
    {
        using var directory = new TempDirectory();
        string images = directory.Write(FashionMnist.TestImagesFile, IdxFiles.Images(4, 2, 2));
        string labels = directory.Write(FashionMnist.TestLabelsFile + ".gz", IdxFiles.Gzip(IdxFiles.Labels(1, 2, 3)));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.LoadTest(directory.Path));

        Assert.Equal($"{images} holds 4 images but {labels} holds 3 labels", error.Message);
    }

    [Fact]
    public void A_file_given_as_the_directory_is_called_a_file_not_missing()
    {
        using var directory = new TempDirectory();
        string file = directory.Write("passwd", [1, 2, 3]);

        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.LoadTest(file));

        Assert.Equal($"Fashion-MNIST directory expected, {file} is a file: name the folder that holds the four files",
            error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".gz")]
    public void A_directory_in_the_place_of_a_file_is_called_a_directory_not_missing(string suffix)
    {
        using var directory = new TempDirectory();
        WriteSplit(directory, FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile, 5, compressed: true);
        File.Delete(Path.Combine(directory.Path, FashionMnist.TestLabelsFile + ".gz"));
        string folder = Directory.CreateDirectory(
            Path.Combine(directory.Path, FashionMnist.TestLabelsFile + suffix)).FullName;

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.LoadTest(directory.Path));

        Assert.Equal($"Fashion-MNIST file expected, {folder} is a directory", error.Message);
    }

    [Fact]
    public void A_missing_file_fails_naming_it()
    {
        using var directory = new TempDirectory();
        WriteSplit(directory, FashionMnist.TrainingImagesFile, FashionMnist.TrainingLabelsFile, 3, compressed: true);
        File.Delete(Path.Combine(directory.Path, FashionMnist.TrainingLabelsFile + ".gz"));

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.LoadTraining(directory.Path));

        Assert.Contains("train-labels-idx1-ubyte (or train-labels-idx1-ubyte.gz)", error.Message);
        Assert.Contains(directory.Path, error.Message);
    }

    [Fact]
    public void A_missing_directory_fails_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "netdsl-missing-" + Guid.NewGuid());

        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.LoadTest(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_fails()
    {
        using var directory = new TempDirectory();
        directory.Write(FashionMnist.TestImagesFile, IdxFiles.Images(3, 1, 1));
        string labels = directory.Write(FashionMnist.TestLabelsFile, IdxFiles.Labels(9, 10, 0));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.LoadTest(directory.Path));

        Assert.Equal($"{labels}: label 10 at index 1 is not one of the 10 classes", error.Message);
    }

    [Fact]
    public void The_class_names_are_Zalandos_in_label_order()
    {
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
        Assert.Equal(FashionMnist.ClassCount, FashionMnist.ClassNames.Count);
    }
}

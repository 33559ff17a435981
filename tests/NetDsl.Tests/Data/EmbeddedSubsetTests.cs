using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NetDsl.Data;
using NetDsl.Tests.Support;

namespace NetDsl.Tests.Data;

/// <summary>
/// The Fashion-MNIST subset in samples/FashionMnist/data holds what its README says. Where the full data set is
/// installed, the subset is checked image by image against it; elsewhere those tests are skipped, with the reason.
/// </summary>
public class EmbeddedSubsetTests
{
    internal const string FullSetDirectory = FullSetFactAttribute.Directory;
    private const int TrainingPerClass = 600;
    private const int TestPerClass = 100;

    // The sample holds out the last sixth of the training images for validation.
    private const int ValidationPerClass = TrainingPerClass / 6;

    private static readonly string SubsetDirectory = FindSubsetDirectory();

    private static readonly Lazy<(LabelledImageSet Training, LabelledImageSet Test)> FullSet = new(() =>
        Directory.Exists(FullSetDirectory)
            ? (FashionMnist.LoadTraining(FullSetDirectory), FashionMnist.LoadTest(FullSetDirectory))
            : throw new DirectoryNotFoundException(
                $"{FullSetDirectory} is absent and {FullSetFactAttribute.Required}=1 requires it: "
                + "apt-get install dataset-fashion-mnist."));

    [Fact]
    public void The_subset_has_the_documented_counts_and_image_size()
    {
        LabelledImageSet training = FashionMnist.LoadTraining(SubsetDirectory);
        LabelledImageSet test = FashionMnist.LoadTest(SubsetDirectory);

        Assert.Equal((6000, 28, 28), (training.Count, training.Images.Rows, training.Images.Columns));
        Assert.Equal((1000, 28, 28), (test.Count, test.Images.Rows, test.Images.Columns));
    }

    [Fact]
    public void Every_class_has_600_training_and_100_test_images()
    {
        int[] training = CountPerClass(FashionMnist.LoadTraining(SubsetDirectory).Labels);
        int[] test = CountPerClass(FashionMnist.LoadTest(SubsetDirectory).Labels);

        Assert.All(training, count => Assert.Equal(TrainingPerClass, count));
        Assert.All(test, count => Assert.Equal(TestPerClass, count));
    }

    [Fact]
    public void The_last_sixth_of_the_training_images_has_100_of_each_class()
    {
        // In file order it held 44 trousers and 143 T-shirts, so a model that always answers one class scored 0.044
        // on the sample's validation split, below chance.
        byte[] labels = FashionMnist.LoadTraining(SubsetDirectory).Labels;
        int[] tail = CountPerClass(labels[^(ValidationPerClass * FashionMnist.ClassCount)..]);

        Assert.All(tail, count => Assert.Equal(ValidationPerClass, count));
    }

    [Fact]
    public void The_files_match_the_sizes_and_hashes_in_the_README()
    {
        string readme = File.ReadAllText(Path.Combine(SubsetDirectory, "README.md"));
        const string Row = @"^\| `(?<file>[\w-]+\.gz)` \| (?<size>\d+) \| "
            + @"`(?<gzip>[0-9a-f]{64})` \| `(?<idx>[0-9a-f]{64})` \|$";
        MatchCollection rows = Regex.Matches(readme, Row, RegexOptions.Multiline);

        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            string path = Path.Combine(SubsetDirectory, row.Groups["file"].Value);
            using var decompressed = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);

            Assert.Equal(long.Parse(row.Groups["size"].Value), new FileInfo(path).Length);
            Assert.Equal(row.Groups["gzip"].Value, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
            Assert.Equal(row.Groups["idx"].Value, Convert.ToHexStringLower(SHA256.HashData(decompressed)));
        }
    }

    [FullSetFact]
    public void The_subset_is_the_first_images_of_each_class_of_the_full_set()
    {
        var (fullTraining, fullTest) = FullSet.Value;

        AssertFirstOfEachClass(fullTraining, FashionMnist.LoadTraining(SubsetDirectory), TrainingPerClass,
            ValidationPerClass);
        AssertFirstOfEachClass(fullTest, FashionMnist.LoadTest(SubsetDirectory), TestPerClass, tailPerClass: 0);
    }

    [FullSetFact]
    public void The_full_set_has_60000_training_and_10000_test_images()
    {
        var (training, test) = FullSet.Value;

        Assert.Equal((60000, 28, 28), (training.Count, training.Images.Rows, training.Images.Columns));
        Assert.Equal((10000, 28, 28), (test.Count, test.Images.Rows, test.Images.Columns));
        Assert.All(CountPerClass(training.Labels), count => Assert.Equal(6000, count));
        Assert.All(CountPerClass(test.Labels), count => Assert.Equal(1000, count));
    }

    /// <summary>Restates the README's rule independently of tools/MakeSubset, then compares sample by sample: the
    /// first perClass − tailPerClass images of each class in file order, then the next tailPerClass of each class in
    /// file order.</summary>
    private static void AssertFirstOfEachClass(
        LabelledImageSet full, LabelledImageSet subset, int perClass, int tailPerClass)
    {
        int[] taken = new int[FashionMnist.ClassCount];
        var head = new List<int>();
        var tail = new List<int>();
        for (int index = 0; index < full.Count; index++)
        {
            byte label = full.Labels[index];
            if (taken[label] == perClass)
            {
                continue;
            }

            (taken[label] < perClass - tailPerClass ? head : tail).Add(index);
            taken[label]++;
        }

        int[] kept = [.. head, .. tail];
        Assert.Equal(subset.Count, kept.Length);
        for (int position = 0; position < kept.Length; position++)
        {
            int index = kept[position];
            Assert.Equal(full.Labels[index], subset.Labels[position]);
            Assert.True(full.Images.Image(index).SequenceEqual(subset.Images.Image(position)), $"original image {index}");
        }
    }

    private static int[] CountPerClass(byte[] labels)
    {
        int[] counts = new int[FashionMnist.ClassCount];
        foreach (byte label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>Walks up from the test binaries to the repository's samples/FashionMnist/data.</summary>
    private static string FindSubsetDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "samples", "FashionMnist", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No samples/FashionMnist/data above {AppContext.BaseDirectory}");
    }
}

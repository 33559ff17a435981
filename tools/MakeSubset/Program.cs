using System.IO.Compression;
using System.Security.Cryptography;
using NetDsl.Data;

// Makes the Fashion-MNIST subset embedded in samples/FashionMnist/data: for each split, the first images of each
// class in file order (600 per class for training, 100 for test), written as gzip-compressed IDX files in the
// standard four-file layout. The training images are ordered so that their last 1,000, which the sample holds out for
// validation (a sixth), are 100 of each class: first the first 500 of each class, then the next 100 of each, both in
// file order. The test images stay in file order. Run from the repository root:
//
//     dotnet run --project tools/MakeSubset -- [source directory] [destination directory]
//
// It prints, for the data README, each file's counts, the last source index used and its sha256 (compressed and
// decompressed: the compressed bytes depend on the zlib build, the decompressed ones only on the rule).
const int TrainingPerClass = 600;
const int ValidationPerClass = TrainingPerClass / 6;
const int TestPerClass = 100;

string source = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
string destination = args.Length > 1 ? args[1] : Path.Combine("samples", "FashionMnist", "data");
Directory.CreateDirectory(destination);

WriteSubset(FashionMnist.TrainingImagesFile, FashionMnist.TrainingLabelsFile, TrainingPerClass, ValidationPerClass);
WriteSubset(FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile, TestPerClass, tailPerClass: 0);

void WriteSubset(string imagesFile, string labelsFile, int perClass, int tailPerClass)
{
    IdxArray images = IdxReader.Read(FashionMnist.FindFile(source, imagesFile));
    byte[] labels = IdxReader.ReadLabels(FashionMnist.FindFile(source, labelsFile));
    int[] indices = Selection.FirstOfEachClassWithBalancedTail(labels, perClass, tailPerClass, FashionMnist.ClassCount);

    int pixelsPerImage = images.Dimensions[1] * images.Dimensions[2];
    byte[] subsetPixels = new byte[indices.Length * pixelsPerImage];
    for (int i = 0; i < indices.Length; i++)
    {
        images.Data.AsSpan(indices[i] * pixelsPerImage, pixelsPerImage).CopyTo(subsetPixels.AsSpan(i * pixelsPerImage));
    }

    int[] imageDimensions = [indices.Length, images.Dimensions[1], images.Dimensions[2]];
    Write(imagesFile, new IdxArray(imageDimensions, subsetPixels));
    Write(labelsFile, new IdxArray([indices.Length], [.. indices.Select(i => labels[i])]));
    string tail = tailPerClass > 0 ? $", the last {tailPerClass} of each class at the end" : "";
    Console.WriteLine($"{imagesFile}: {indices.Length} of {labels.Length} images, {perClass} per class{tail}, "
        + $"source indices 0 to {indices.Max()}");
}

void Write(string fileName, IdxArray array)
{
    string path = Path.Combine(destination, fileName + ".gz");
    IdxWriter.Write(path, array);

    using var decompressed = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
    Console.WriteLine($"| `{fileName}.gz` | {new FileInfo(path).Length} | `{Sha256(File.OpenRead(path))}` "
        + $"| `{Sha256(decompressed)}` |");
}

static string Sha256(Stream stream)
{
    using (stream)
    {
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

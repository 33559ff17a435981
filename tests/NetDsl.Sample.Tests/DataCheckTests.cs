using NetDsl.Data;

namespace NetDsl.Sample.Tests;

/// <summary>Data the networks cannot take is refused right after loading, before any training, with a message naming
/// the file and what is wrong; data the app can still split trains.</summary>
public class DataCheckTests
{
    [Fact]
    public void Training_images_that_are_not_28_by_28_are_refused_before_training()
    {
        // Once "Unhandled exception: System.ArgumentException: The network takes 784 features, the training set has
        // 1024 per row", with a stack trace.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, trainingSize: 32);
        SampleRun run = SampleRun.Start("--data", directory.Path, "--epochs", "1", "--weights", directory.File("w"));

        AssertRefusedBeforeTraining(run,
            $"error: {directory.File(FashionMnist.TrainingImagesFile)}: images of 32 x 32 pixels, not the 28 x 28 "
            + "of Fashion-MNIST that the networks take");
        Assert.False(File.Exists(directory.File("w")));
    }

    [Fact]
    public void Test_images_that_are_not_28_by_28_are_refused_before_training()
    {
        // Once found only after the whole training run, in ForwardBatch, and no weights were written.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, testSize: 32);
        SampleRun run = SampleRun.Start("--data", directory.Path, "--epochs", "1", "--weights", directory.File("w"));

        AssertRefusedBeforeTraining(run,
            $"error: {directory.File(FashionMnist.TestImagesFile)}: images of 32 x 32 pixels, not the 28 x 28");
    }

    [Fact]
    public void The_lab_refuses_training_images_that_are_not_28_by_28()
    {
        // Once an unhandled exception in InitialDiagnostics.Measure.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, trainingSize: 14);
        SampleRun run = SampleRun.Start("--lab", "--lab-limit", "1", "--lab-epochs", "1", "--data", directory.Path,
            "--lab-plot", directory.File("plot.png"));

        AssertRefusedBeforeTraining(run,
            $"error: {directory.File(FashionMnist.TrainingImagesFile)}: images of 14 x 14 pixels, not the 28 x 28");
    }

    [Fact]
    public void Predict_refuses_test_images_that_are_not_28_by_28()
    {
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, testSize: 32);
        string weights = directory.File("fresh.safetensors");
        new FashionMnistSample.FashionNet().SaveWeights(weights);
        SampleRun run = SampleRun.Start("--predict", "0", "--data", directory.Path, "--weights", weights);

        AssertRefusedBeforeTraining(run,
            $"error: {directory.File(FashionMnist.TestImagesFile)}: images of 32 x 32 pixels, not the 28 x 28");
    }

    [Fact]
    public void More_test_images_than_labels_are_refused_naming_both_files()
    {
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, test: 10, testLabels: 9);
        SampleRun run = SampleRun.Start("--data", directory.Path, "--epochs", "1", "--weights", directory.File("w"));

        AssertRefusedBeforeTraining(run, $"error: {directory.File(FashionMnist.TestImagesFile)} holds 10 images but "
            + $"{directory.File(FashionMnist.TestLabelsFile)} holds 9 labels");
    }

    [Fact]
    public void Five_training_images_train_on_four_and_validate_on_one()
    {
        // A sixth of 5 is 0: the run once ended in "KeepBestEpoch needs a validation set", unhandled.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, training: 5);
        SampleRun run = SampleRun.Start("--data", directory.Path, "--epochs", "1", "--weights", directory.File("w"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("5 training images: 4 to train on, the last 1 to validate; 10 test images", run.Output);
        Assert.InRange(run.TestAccuracy, 0, 1);
    }

    [Fact]
    public void The_lab_trains_on_five_images()
    {
        // Once "The set is empty", unhandled.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, training: 5);
        SampleRun run = SampleRun.Start("--lab", "--lab-limit", "1", "--lab-epochs", "1", "--data", directory.Path,
            "--lab-plot", directory.File("plot.png"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 images to train on, 1 to validate", run.Output);
        Assert.True(File.Exists(directory.File("plot.png")));
    }

    [Fact]
    public void A_single_training_image_is_refused_as_too_few_to_split()
    {
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, training: 1);
        SampleRun run = SampleRun.Start("--data", directory.Path, "--epochs", "1", "--weights", directory.File("w"));

        AssertRefusedBeforeTraining(run, $"error: {directory.File(FashionMnist.TrainingImagesFile)} holds 1 image: "
            + "training needs at least 2, one to train on and one to hold out for validation");
    }

    private static void AssertRefusedBeforeTraining(SampleRun run, string message)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("Unhandled", run.Output);
        Assert.DoesNotContain("System.", run.Output);
        Assert.DoesNotContain("epoch 1/", run.Output);
    }
}

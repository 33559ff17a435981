using NetDsl.Data;

namespace NetDsl.Sample.Tests;

/// <summary>Data the networks cannot take is refused right after loading, before any training, with a message naming
/// the file and what is wrong.</summary>
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

    private static void AssertRefusedBeforeTraining(SampleRun run, string message)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("Unhandled", run.Output);
        Assert.DoesNotContain("System.", run.Output);
        Assert.DoesNotContain("epoch 1/", run.Output);
    }
}

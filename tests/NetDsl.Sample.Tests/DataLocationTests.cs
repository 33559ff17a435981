using NetDsl.Data;

namespace NetDsl.Sample.Tests;

/// <summary>Which data a run reads: the installed full set only when it is complete, the embedded subset otherwise,
/// saying why; a --data folder that lacks the files is an error that points to --data embedded. The installed folder
/// is one a test makes, never /usr/share.</summary>
public class DataLocationTests
{
    [Fact]
    public void A_complete_installed_folder_is_read()
    {
        using var installed = new TemporaryDirectory();
        // More images to train on than a batch, so that no note about capping it is due.
        DataFolder.Write(installed.Path, training: 60);
        SampleRun run = SampleRun.StartWithInstalledData(
            installed.Path, "--epochs", "1", "--weights", installed.File("w.safetensors"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"data: the installed Fashion-MNIST, {installed.Path}", run.Output);
        Assert.DoesNotContain("note:", run.Output);
        Assert.DoesNotContain("embedded", run.Output);
    }

    [Fact]
    public void An_empty_installed_folder_falls_back_to_the_embedded_subset_and_says_why()
    {
        // A half-installed package once made the default command fail with "file missing" and no hint.
        using var installed = new TemporaryDirectory();
        SampleRun run = SampleRun.StartWithInstalledData(
            installed.Path, "--epochs", "1", "--weights", installed.File("w.safetensors"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: the installed Fashion-MNIST is incomplete, so this run uses the embedded subset:\n"
            + $"      {installed.Path} lacks the four Fashion-MNIST files (raw or .gz);\n"
            + "      apt-get install --reinstall dataset-fashion-mnist mends it, or name a folder with --data\n",
            run.Output);
        Assert.Contains("data: the embedded subset", run.Output);
        Assert.Contains("6,000 training images", run.Output);
        Assert.InRange(run.TestAccuracy, 0.5, 1.0);
    }

    [Fact]
    public void Without_an_installed_folder_the_subset_is_read_with_the_command_that_installs_the_full_set()
    {
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.StartWithInstalledData(directory.File("not-installed"), "--epochs", "1",
            "--weights", directory.File("w.safetensors"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("note: the full Fashion-MNIST is not installed, so this run uses the embedded subset (a "
            + "tenth of it);\n      apt-get install dataset-fashion-mnist installs it, or name a folder with --data\n"
            + "data: the embedded subset, ", run.Output);
    }

    [Fact]
    public void The_subset_chosen_with_data_embedded_needs_no_note()
    {
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.StartWithInstalledData(directory.File("not-installed"), "--epochs", "1",
            "--data", "embedded", "--weights", directory.File("w.safetensors"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("data: the embedded subset, ", run.Output);
    }

    [Fact]
    public void Predict_falls_back_from_a_half_installed_folder_too()
    {
        using var installed = new TemporaryDirectory();
        DataFolder.Write(installed.Path);
        File.Delete(installed.File(FashionMnist.TestLabelsFile));
        string weights = installed.File("fresh.safetensors");
        new FashionMnistSample.FashionNet().SaveWeights(weights);
        SampleRun run = SampleRun.StartWithInstalledData(installed.Path, "--predict", "999", "--weights", weights);

        // Index 999 exists in the subset's 1,000 test images, not in the 10 of the folder.
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: the installed Fashion-MNIST is incomplete", run.Output);
        Assert.Contains($"{installed.Path} lacks {FashionMnist.TestLabelsFile} (raw or .gz);", run.Output);
        Assert.Contains("test #999 ", run.Output);
    }

    [Fact]
    public void A_data_folder_that_lacks_the_files_is_an_error_with_a_hint()
    {
        using var given = new TemporaryDirectory();
        SampleRun run = SampleRun.Start("--data", given.Path, "--epochs", "1", "--weights", given.File("w"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: Fashion-MNIST file missing: {FashionMnist.TrainingImagesFile} (or "
            + $"{FashionMnist.TrainingImagesFile}.gz) in {given.Path}; --data embedded reads the subset shipped with the "
            + "app", run.Output);
        Assert.DoesNotContain("data: the embedded subset", run.Output);
    }

    [Fact]
    public void A_missing_data_folder_is_an_error_with_the_same_hint()
    {
        using var directory = new TemporaryDirectory();
        string missing = directory.File("no-such-folder");
        SampleRun run = SampleRun.Start("--data", missing, "--lab", "--lab-plot", directory.File("plot.png"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: Fashion-MNIST directory not found: {missing}; --data embedded reads the subset "
            + "shipped with the app", run.Output);
    }
}

using System.Runtime.Versioning;
using NetDsl.Tests.Support;

namespace NetDsl.Sample.Tests;

/// <summary>A file the run could not write is refused before any training, naming the user's path and the reason.
/// </summary>
public class OutputFileTests
{
    [Theory]
    [InlineData("--weights", "missing/x.safetensors", "there is no directory")]
    [InlineData("--weights", "", "is a directory, not a file")]
    [InlineData("--weights", "file.txt/x.safetensors", "file.txt is a file, not a directory")]
    [InlineData("--lab-plot", "file.txt/sub/p.png", "file.txt is a file, not a directory")]
    [InlineData("--lab-plot", "", "is a directory, not a file")]
    [InlineData("--lab-report", "file.txt/r.md", "file.txt is a file, not a directory")]
    [InlineData("--lab-weights", "file.txt/w.safetensors", "file.txt is a file, not a directory")]
    [InlineData("--lab-weights", "", "is a directory, not a file")]
    public void A_path_that_cannot_be_written_fails_before_training(string option, string name, string reason)
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File("file.txt"), "");
        string path = name == "" ? directory.Path : directory.File(name);
        string[] mode = ShortestRun(option, directory);
        SampleRun run = SampleRun.Start([.. mode, "--data", "embedded", option, path]);

        AssertRefusedBeforeTraining(run, $"error: {option} {path}: ");
        Assert.Contains(reason, run.Output);
    }

    [Fact]
    public void The_lab_writes_its_plot_and_report_into_a_new_folder()
    {
        // The report was once refused there: its folder did not exist yet when the paths were checked.
        using var directory = new TemporaryDirectory();
        string plot = directory.File("new/sub/p.png"), report = directory.File("new/sub/r.md");
        SampleRun run = SampleRun.Start("--lab", "--lab-limit", "1", "--lab-epochs", "1", "--data", "embedded",
            "--lab-plot", plot, "--lab-report", report);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(plot) && File.Exists(report), run.Output);
    }

    [WriteProtectedTheory]
    [SupportedOSPlatform("linux")]
    [InlineData("--weights", "x.safetensors")]
    [InlineData("--lab-plot", "p.png")]
    [InlineData("--lab-report", "r.md")]
    [InlineData("--lab-weights", "w.safetensors")]
    public void A_folder_without_write_permission_is_refused_before_training(string option, string name)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File(name);
        using var elsewhere = new TemporaryDirectory();
        string[] mode = ShortestRun(option, elsewhere);

        SampleRun run;
        using (new WriteProtection(directory.Path))
        {
            run = SampleRun.Start([.. mode, "--data", "embedded", option, path]);
        }

        AssertRefusedBeforeTraining(
            run, $"error: {option} {path}: cannot create a file in {directory.Path} (permission denied)");
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [WriteProtectedFact]
    [SupportedOSPlatform("linux")]
    public void An_existing_weights_file_that_cannot_be_replaced_is_refused_and_kept()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("w.safetensors");
        File.WriteAllText(path, "the user's earlier weights");

        SampleRun run;
        using (new WriteProtection(path))
        {
            run = SampleRun.Start("--epochs", "1", "--data", "embedded", "--weights", path);
        }

        AssertRefusedBeforeTraining(
            run, $"error: --weights {path}: the existing file cannot be replaced (read-only or locked)");
        Assert.Equal("the user's earlier weights", File.ReadAllText(path));
    }

    [LinuxTheory]
    [InlineData("--weights", "/proc/x.safetensors")]
    [InlineData("--lab-plot", "/proc/p.png")]
    [InlineData("--lab-report", "/proc/r.md")]
    public void A_directory_that_refuses_new_files_is_named_without_a_temporary_file(string option, string path)
    {
        // /proc refuses to create files even for root, for whom permissions would not.
        using var elsewhere = new TemporaryDirectory();
        string[] mode = ShortestRun(option, elsewhere);
        SampleRun run = SampleRun.Start([.. mode, "--data", "embedded", option, path]);

        AssertRefusedBeforeTraining(run, $"error: {option} {path}: cannot create a file in /proc");
        Assert.DoesNotContain(".tmp", run.Output);
    }

    [Theory]
    [InlineData("--lab-report")]
    [InlineData("--lab-weights")]
    public void No_lab_output_can_be_the_plot_s_file(string option)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("lab.png");
        SampleRun run = SampleRun.Start("--lab", "--data", "embedded", "--lab-plot", path, option, path);
        AssertRefusedBeforeTraining(run, $"error: {option} {path}: the same file as --lab-plot");
    }

    [Fact]
    public void The_report_cannot_be_the_lab_s_weights_file()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("lab.md");
        SampleRun run = SampleRun.Start("--lab", "--data", "embedded", "--lab-plot", directory.File("p.png"),
            "--lab-weights", path, "--lab-report", path);
        AssertRefusedBeforeTraining(run, $"error: --lab-report {path}: the same file as --lab-weights");
    }

    [Fact]
    public void Predict_writes_nothing_so_its_weights_path_is_only_read()
    {
        SampleRun run = SampleRun.Start("--predict", "3", "--weights", "/proc/x.safetensors");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: no weights file at /proc/x.safetensors", run.Output);
    }

    [Theory]
    [InlineData("--weights", "train-images-idx3-ubyte.gz")]
    [InlineData("--weights", "t10k-labels-idx1-ubyte")]
    [InlineData("--lab-weights", "train-labels-idx1-ubyte.gz")]
    [InlineData("--lab-report", "t10k-images-idx3-ubyte.gz")]
    public void An_output_that_is_one_of_the_data_files_is_refused_and_the_file_kept(string option, string name)
    {
        // --weights data/train-images-idx3-ubyte.gz once trained and then replaced the training images.
        using var directory = new TemporaryDirectory();
        DataFolder.Write(directory.Path, training: 60);
        string path = directory.File(name);
        File.WriteAllText(path, "the data"); // the raw name beside the .gz: also a file the run may read
        string[] mode = ShortestRun(option, directory);
        SampleRun run = SampleRun.Start([.. mode, "--data", directory.Path, option, path]);

        AssertRefusedBeforeTraining(run, $"error: {option} {path}: one of the data files this run reads");
        Assert.Equal("the data", File.ReadAllText(path));
    }

    [Fact]
    public void Predict_refuses_a_directory_given_as_its_weights_file()
    {
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.Start("--predict", "3", "--weights", directory.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: --weights {directory.Path}: a directory, not a weights file", run.Output);
    }

    /// <summary>The shortest run of the mode <paramref name="option"/> belongs to. A lab run names its plot in
    /// <paramref name="writable"/> unless the option is the plot's: the default, in the working directory, is checked
    /// first and may be refused there.</summary>
    private static string[] ShortestRun(string option, TemporaryDirectory writable) => option switch
    {
        "--weights" => ["--epochs", "1"],
        "--lab-plot" => ["--lab", "--lab-limit", "1", "--lab-epochs", "1"],
        _ => ["--lab", "--lab-limit", "1", "--lab-epochs", "1", "--lab-plot", writable.File("plot.png")],
    };

    private static void AssertRefusedBeforeTraining(SampleRun run, string message)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("data:", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}

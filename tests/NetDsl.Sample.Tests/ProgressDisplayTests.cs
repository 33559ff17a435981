using System.Text.RegularExpressions;
using FashionMnistSample;
using Spectre.Console.Testing;

namespace NetDsl.Sample.Tests;

/// <summary>The live bars a terminal shows, drawn on an interactive test console; every other test's console is not
/// interactive and gets the plain lines.</summary>
public partial class ProgressDisplayTests
{
    [Fact]
    public void An_interactive_console_shows_a_bar_per_epoch_with_the_running_loss_and_the_throughput()
    {
        using var directory = new TemporaryDirectory();
        string output = RunInteractive("--data", "embedded", "--epochs", "2", "--weights", directory.File("w.st"));

        Assert.Matches(@"epoch 1/2  loss \d\.\d{4} +[\d,]+ samples/s", output);
        Assert.Matches(@"epoch 2/2  loss \d\.\d{4}  validation accuracy 0\.\d{4}", output);
        Assert.Matches(SampleRun.TestAccuracyLine(), output);
        Assert.DoesNotContain("training loss", output.Split("╭")[0]);  // no plain epoch lines before the table
    }

    [Fact]
    public void An_interactive_lab_shows_a_bar_per_variant()
    {
        using var directory = new TemporaryDirectory();
        string output = RunInteractive("--lab", "--lab-only", "He×ReLU,Zeros×Tanh", "--lab-epochs", "1", "--data",
            "embedded", "--lab-plot", directory.File("p.png"));

        Assert.Matches(@"HeNormal × ReLU +epoch 1/1  validation accuracy 0\.\d{4}", output);
        Assert.Matches(@"Zeros × Tanh +epoch 1/1  validation accuracy 0\.\d{4}", output);
        Assert.Matches(@"HeNormal × ReLU +epoch 1/1  loss \d\.\d{4}", output);
    }

    /// <summary>Runs the app on a console that says it is an interactive ANSI terminal and returns what it drew, the
    /// escape sequences removed.</summary>
    private static string RunInteractive(params string[] args)
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 200;
        Assert.Equal(0, App.Run(args, console));
        return AnsiEscape().Replace(console.Output, "");
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

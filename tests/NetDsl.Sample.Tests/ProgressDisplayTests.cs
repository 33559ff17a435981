using System.Text.RegularExpressions;
using FashionMnistSample;
using FashionMnistSample.Display;
using NetDsl.Training;
using Spectre.Console.Testing;

namespace NetDsl.Sample.Tests;

/// <summary>The live bars a terminal shows, drawn on an interactive test console; every other test's console is not
/// interactive and gets the plain lines. What a bar says while its epoch runs is drawn only at Spectre's refresh ticks,
/// which a fast epoch can fall between, so those tests feed the bars reports themselves and refresh.</summary>
public partial class ProgressDisplayTests
{
    [Fact]
    public void An_interactive_run_ends_with_a_bar_per_epoch_and_no_plain_epoch_lines()
    {
        using var directory = new TemporaryDirectory();
        string output = RunInteractive("--data", "embedded", "--epochs", "2", "--weights", directory.File("w.st"));

        Assert.Matches(@"epoch 1/2  loss \d\.\d{4}  validation accuracy 0\.\d{4}", output);
        Assert.Matches(@"epoch 2/2  loss \d\.\d{4}  validation accuracy 0\.\d{4}", output);
        Assert.DoesNotContain("training loss", output.Split("╭")[0]);
        Assert.Matches(SampleRun.TestAccuracyLine(), output);
    }

    [Fact]
    public void An_interactive_lab_ends_with_a_bar_per_variant()
    {
        using var directory = new TemporaryDirectory();
        string output = RunInteractive("--lab", "--lab-only", "He×ReLU,Zeros×Tanh", "--lab-epochs", "1", "--data",
            "embedded", "--lab-plot", directory.File("p.png"));

        Assert.Matches(@"HeNormal × ReLU +epoch 1/1  validation accuracy 0\.\d{4}", output);
        Assert.Matches(@"Zeros × Tanh +epoch 1/1  validation accuracy 0\.\d{4}", output);
    }

    [Fact]
    public void While_an_epoch_runs_its_bar_shows_the_running_loss_and_the_throughput()
    {
        string output = Draw(context =>
        {
            var bars = new EpochBars(context);
            bars.Report(new BatchProgress(1, 2, 40, 100, RunningLoss: 0.51234, SamplesPerSecond: 104369));
            context.Refresh();
        });

        Assert.Matches(@"epoch 1/2  loss 0\.5123  104,369 samples/s\s.*40%", output);
    }

    [Fact]
    public void While_a_lab_variant_trains_its_bar_shows_the_epoch_and_the_running_loss()
    {
        string output = Draw(context =>
        {
            var bar = new VariantBar(context, "HeNormal × ReLU");
            bar.Report(new BatchProgress(2, 5, 50, 100, RunningLoss: 0.4, SamplesPerSecond: 1));
            context.Refresh();
        });

        // Epoch 2 of 5, half done: 150 of 500 batches.
        Assert.Matches(@"HeNormal × ReLU +epoch 2/5  loss 0\.4000\s.*30%", output);
    }

    /// <summary>Runs <paramref name="draw"/> under the app's progress display on an interactive console.</summary>
    private static string Draw(Action<Spectre.Console.ProgressContext> draw)
    {
        TestConsole console = InteractiveConsole();
        EpochBars.Bars(console).Start(draw);
        return AnsiEscape().Replace(console.Output, "");
    }

    /// <summary>Runs the app on a console that says it is an interactive ANSI terminal and returns what it drew, the
    /// escape sequences removed.</summary>
    private static string RunInteractive(params string[] args)
    {
        TestConsole console = InteractiveConsole();
        Assert.Equal(0, App.Run(args, console));
        return AnsiEscape().Replace(console.Output, "");
    }

    private static TestConsole InteractiveConsole()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 200;
        return console;
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

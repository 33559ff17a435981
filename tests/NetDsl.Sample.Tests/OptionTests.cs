namespace NetDsl.Sample.Tests;

/// <summary>Wrong command lines fail fast with a message that says what is wrong, and a non-zero exit code.</summary>
public class OptionTests
{
    [Theory]
    [InlineData("--epochs 0", "--epochs must be at least 1, not '0'")]
    [InlineData("--batch-size -3", "--batch-size must be at least 1")]
    [InlineData("--learning-rate 0", "--learning-rate must be a positive number within float's range")]
    [InlineData("--learning-rate 1e-50", "(1.4e-45 to 3.4e38; smaller rounds to 0), not '1e-50'")]
    [InlineData("--learning-rate fast", "fast")]
    [InlineData("--epochs", "--epochs")]
    [InlineData("--lab --lab-limit 0", "--lab-limit must be at least 1")]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("--lab --predict 3", "--lab and --predict are separate modes")]
    [InlineData("--optimizer rmsprop", "--optimizer must be adam or sgd, not 'rmsprop'")]
    [InlineData("--epochs abc", "--epochs must be a whole number, not 'abc'")]
    [InlineData("--epochs 1.5", "--epochs must be a whole number, not '1.5'")]
    [InlineData("--epochs 99999999999", "--epochs must be at most 2147483647, not '99999999999'")]
    [InlineData("--seed -1", "--seed must be a whole number from 0 to 18446744073709551615, not '-1'")]
    [InlineData("--seed 18446744073709551616", "--seed must be a whole number from 0 to 18446744073709551615")]
    [InlineData("--epochs 1 --lab-epochs 3",
        "--lab-epochs is for the lab (--lab), not for training: leave it out, or add --lab.")]
    [InlineData("--lab-report r.md", "--lab-report is for the lab (--lab), not for training")]
    [InlineData("--predict 1,2,3 --epochs 5", "--epochs is for training, not for --predict: leave it out.")]
    [InlineData("--predict 3 --seed 1", "--seed is for training and the lab (--lab), not for --predict")]
    [InlineData("--lab --epochs 3",
        "--epochs is for training, not for the lab (--lab): leave it out (the lab takes --lab-epochs).")]
    [InlineData("--lab --keep-last", "--keep-last is for training, not for the lab (--lab)")]
    [InlineData("--lab --weights w.safetensors", "--weights is for training and --predict, not for the lab (--lab)")]
    [InlineData("--weights ''", "--weights needs a path, not an empty string.")] // once an unhandled exception
    [InlineData("--predict 3 --weights ''", "--weights needs a path, not an empty string.")]
    [InlineData("--lab --lab-plot ''", "--lab-plot needs a path, not an empty string.")]
    [InlineData("--lab --lab-report ''", "--lab-report needs a path, not an empty string.")]
    [InlineData("--data ''", "--data needs a path, not an empty string.")]
    [InlineData("--lab false --lab-epochs 3", "--lab-epochs is for the lab (--lab), not for training")]
    [InlineData("--lab true --epochs 3", "--epochs is for training, not for the lab (--lab)")]
    public void A_bad_option_is_refused_before_anything_runs(string commandLine, string message)
    {
        // '' stands for an empty argument, which a shell passes for "".
        SampleRun run = SampleRun.Start(commandLine.Split(' ').Select(a => a == "''" ? "" : a).ToArray());
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.Contains("Run with --help to see the options.", run.Output);
        Assert.DoesNotContain("System.", run.Output);
        Assert.DoesNotContain("Usage:", run.Output);
        Assert.DoesNotContain("data:", run.Output);
    }

    [Fact]
    public void Lab_false_trains_and_accepts_the_training_options()
    {
        // The mode once followed whether --lab was typed, not its value: "--lab false --epochs 1" was refused.
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.Start(
            "--lab", "false", "--epochs", "1", "--data", "embedded", "--weights", directory.File("w.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("test accuracy:", run.Output);
    }

    [Fact]
    public void An_unknown_lab_variant_is_named_with_the_grid_it_is_not_in()
    {
        SampleRun run = SampleRun.Start("--lab", "--lab-only", "HeNormal×Swish", "--data", "embedded");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --lab-only: no variant 'HeNormal×Swish'", run.Output);
        Assert.Contains("LeCunNormal×SELU", run.Output);
    }

    [Theory]
    [InlineData(",")]
    [InlineData("")]
    [InlineData(" , ")]
    public void A_lab_only_list_without_a_variant_is_refused(string list)
    {
        SampleRun run = SampleRun.Start("--lab", "--lab-only", list, "--data", "embedded");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("names no variant: give one or more", run.Output);
        Assert.DoesNotContain("data:", run.Output);
    }

    [Theory]
    [InlineData("5-2", "--predict 5-2: a range goes from the lower index to the higher")]
    [InlineData("seven", "--predict seven: not a test-set index (7), a range of them (10-19) or an existing file")]
    public void Predict_explains_an_item_it_cannot_read(string item, string message)
    {
        using var directory = new TemporaryDirectory();
        string weights = directory.File("fresh.safetensors");
        new FashionMnistSample.FashionNet().SaveWeights(weights);
        SampleRun run = SampleRun.Start("--predict", item, "--data", "embedded", "--weights", weights);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: " + message, run.Output);
    }

    [Fact]
    public void Plain_SGD_trains_with_its_own_default_learning_rate()
    {
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.Start("--optimizer", "SGD", "--data", "embedded", "--epochs", "1", "--weights",
            directory.File("sgd.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("training: SGD lr 0.01, batch 32, 1 epoch, seed 0", run.Output);
        Assert.Matches(@"(?m)^1 epoch in \d", run.Output);
        Assert.DoesNotContain("epoch(s)", run.Output);
        Assert.DoesNotContain(" 1 epochs", run.Output);

        // Measured: 0.6250 after one epoch of plain SGD at lr 0.01 with seed 0 (Adam: 0.7520); chance is 0.1.
        Assert.InRange(run.TestAccuracy, 0.4, 1.0);
    }

    [Fact]
    public void A_batch_larger_than_the_training_set_is_capped_to_it_and_said_so()
    {
        // Uncapped, 2e9 rows of 784 features would not even fit an array's length.
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.Start("--data", "embedded", "--epochs", "1", "--batch-size", "2000000000",
            "--weights", directory.File("w.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: --batch-size 2000000000 is more than the 5,000 images to train on: the batch is capped "
            + "to 5,000, one step per epoch", run.Output);
        Assert.Contains("training: Adam lr 0.001, batch 5,000, 1 epoch,", run.Output);
        Assert.Contains("epoch 1/1  training loss", run.Output);
    }

    [Fact]
    public void Training_says_it_replaces_an_existing_weights_file()
    {
        using var directory = new TemporaryDirectory();
        string weights = directory.File("w.safetensors");
        new FashionMnistSample.FashionNet().SaveWeights(weights);
        SampleRun run = SampleRun.Start("--data", "embedded", "--epochs", "1", "--weights", weights);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"weights: {weights} exists and will be replaced", run.Output);
        Assert.Contains($"weights saved to {weights} (replacing the previous file)", run.Output);
    }

    [Fact]
    public void A_run_that_diverges_before_learning_anything_says_so_and_writes_no_weights()
    {
        // A learning rate of 1e30 overflows the weights in the first batches: the loop stops in epoch 1 and puts the
        // initial weights back. They once stayed NaN, were scored (accuracy 0) and saved over the previous file.
        using var directory = new TemporaryDirectory();
        string weights = directory.File("good.safetensors");
        File.WriteAllText(weights, "a previous model");
        SampleRun run = SampleRun.Start("--optimizer", "sgd", "--learning-rate", "1e30", "--data", "embedded",
            "--epochs", "2", "--weights", weights);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("validation loss NaN", run.Output);
        Assert.Contains("training diverged in epoch 1 (a loss or the weights stopped being finite): kept the weights "
            + "from before training", run.Output);
        Assert.Contains($"error: nothing was learned, so {weights} was not written", run.Output);
        Assert.DoesNotContain("test accuracy", run.Output);
        Assert.Equal("a previous model", File.ReadAllText(weights));
    }

    [Fact]
    public void A_missing_data_directory_is_an_error_naming_it()
    {
        using var directory = new TemporaryDirectory();
        string missing = directory.File("no-such-folder");
        SampleRun run = SampleRun.Start("--data", missing, "--epochs", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Fashion-MNIST directory not found: " + missing, run.Output);
    }

    [Fact]
    public void Predict_without_a_weights_file_says_to_train_first()
    {
        using var directory = new TemporaryDirectory();
        SampleRun run = SampleRun.Start("--predict", "3", "--weights", directory.File("none.safetensors"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: no weights file at", run.Output);
        Assert.Contains("train first", run.Output);
    }

    [Fact]
    public void Predict_with_a_file_that_is_not_weights_fails_with_the_loader_message()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("garbage.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        SampleRun run = SampleRun.Start("--predict", "3", "--data", "embedded", "--weights", path);
        Assert.Equal(1, run.ExitCode);

        // The file is named, as a data file's errors name theirs; it once was not.
        Assert.Contains($"error: {path}: Not a valid safetensors file: the file ends after 3 bytes", run.Output);
    }

    [Fact]
    public void Predict_refuses_an_index_past_the_test_set()
    {
        using var directory = new TemporaryDirectory();
        string weights = directory.File("fresh.safetensors");
        new FashionMnistSample.FashionNet().SaveWeights(weights);
        SampleRun run = SampleRun.Start("--predict", "999-1000", "--data", "embedded", "--weights", weights);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --predict 999-1000: the test set has 1,000 images, 0 to 999", run.Output);
    }

    [Fact]
    public void Help_lists_every_option_and_the_validation_rule()
    {
        SampleRun run = SampleRun.Start("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[]
        {
            "--epochs", "--batch-size", "--optimizer", "--learning-rate", "--seed", "--keep-last", "--data",
            "--weights", "--predict", "--lab", "--lab-epochs", "--lab-plot", "--lab-only", "--lab-limit", "--lab-report",
        })
        {
            Assert.Contains(option, run.Output);
        }

        Assert.Contains("5,000 of the full 60,000, 1,000 of the embedded 6,000", run.Output);
        Assert.Contains("dataset-fashion-mnist", run.Output);
    }

    [Fact]
    public void Help_says_that_embedded_is_a_keyword_and_how_to_name_such_a_folder()
    {
        string help = SampleRun.Start("--help").Output;
        string data = help[help.IndexOf("--data", StringComparison.Ordinal)..];

        // Collapsed, since the help text wraps its descriptions at the console's width.
        string words = string.Join(' ', data.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'embedded' for the subset shipped with the app; that word, in any case, never means a folder: "
            + "write ./embedded for a folder of that name.", words);
    }

    [Fact]
    public void Help_shows_defaults_and_names_as_they_are_typed()
    {
        string help = SampleRun.Start("--help").Output;
        Assert.Contains("Default: adam.", help);
        Assert.DoesNotContain("[default: Adam]", help);

        // What VariantSelection accepts: the aliases and the other separators.
        string labOnly = help[help.IndexOf("--lab-only", StringComparison.Ordinal)..];
        Assert.Contains("Xavier", labOnly);
        Assert.Contains("GlorotUniform", labOnly);
        Assert.Contains("HeNormal", labOnly);
        Assert.Contains("*", labOnly);
    }
}

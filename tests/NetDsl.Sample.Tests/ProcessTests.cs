using System.Diagnostics;
using System.Reflection;
using NetDsl.Tests.Support;

namespace NetDsl.Sample.Tests;

/// <summary>The built app as a real process with redirected output, as CI runs it: no terminal, so no bars and no
/// escape codes, the result line plain, errors on standard error.</summary>
public class ProcessTests
{
    private static readonly string AppPath = typeof(ProcessTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleApp").Value!;

    [Fact]
    public void One_epoch_on_the_subset_prints_plain_lines_and_the_result()
    {
        using var directory = new TemporaryDirectory();
        (int exitCode, string output, string errors) = Start(
            directory, "--data", "embedded", "--epochs", "1", "--weights", directory.File("w.safetensors"));

        Assert.True(exitCode == 0, errors);
        Assert.Matches(SampleRun.TestAccuracyLine(), output);
        Assert.Contains("epoch 1/1  training loss", output);
        Assert.DoesNotContain('\u001b', output);
        Assert.True(File.Exists(directory.File("w.safetensors")));
    }

    [Fact]
    public void Separate_processes_with_one_seed_write_the_same_weights_byte_for_byte()
    {
        using var directory = new TemporaryDirectory();
        byte[] Train(string seed, string name)
        {
            (int exitCode, _, string errors) = Start(
                directory, "--data", "embedded", "--epochs", "1", "--seed", seed, "--weights", directory.File(name));
            Assert.True(exitCode == 0, errors);
            return File.ReadAllBytes(directory.File(name));
        }

        byte[] first = Train("1", "first.safetensors"), second = Train("1", "second.safetensors");
        byte[] otherSeed = Train("2", "other.safetensors");

        // Initialization, shuffling and every kernel are deterministic given the seed and the machine; another seed
        // shows that the comparison can fail.
        Assert.True(first.SequenceEqual(second), "two processes with seed 1 wrote different weights");
        Assert.False(first.SequenceEqual(otherSeed), "seeds 1 and 2 wrote the same weights");
    }

    [FusedMultiplyAddFact]
    public void Every_vector_width_trains_the_same_weights_byte_for_byte()
    {
        // Each output's multiply-adds run in one lane, in the same order at every width, and with hardware FMA every
        // width fuses them alike. Softmax sums its lanes in double, in an order that does depend on the width, so
        // this is an observed property of this data (one epoch of the subset), not one proven for every input.
        using var directory = new TemporaryDirectory();
        byte[] Train(string flavor, params (string Name, string Value)[] settings)
        {
            string weights = directory.File($"{flavor}-{settings.Length}.safetensors");
            (int exitCode, string output, string errors) = Start(directory, [("NETDSL_SIMD", flavor), .. settings],
                "--data", "embedded", "--epochs", "1", "--weights", weights);
            Assert.True(exitCode == 0, errors);
            Assert.Contains($"parameters, {flavor} kernels", output);
            return File.ReadAllBytes(weights);
        }

        byte[] widest = Train("Vector512");
        Assert.True(widest.SequenceEqual(Train("Vector256")), "Vector256 trained other weights than Vector512");
        Assert.True(widest.SequenceEqual(Train("Vector128")), "Vector128 trained other weights than Vector512");

        // Vector512 in software, as on a CPU without AVX-512 (.NET 10 reads the second switch, older runtimes the
        // first), still fuses through the narrower hardware.
        byte[] emulated = Train("Vector512", ("DOTNET_EnableAVX512F", "0"), ("DOTNET_EnableAVX512", "0"));
        Assert.True(widest.SequenceEqual(emulated), "Vector512 in software trained other weights than in hardware");

        // The scalar kernels round each product before adding it, and training amplifies the difference: this is
        // what the comparison looks like when it fails.
        Assert.False(widest.SequenceEqual(Train("Scalar")), "the scalar kernels trained the vector kernels' weights");
    }

    [Fact]
    public void Dot_slash_embedded_names_a_folder_where_embedded_names_the_subset()
    {
        // As --help says; a process, so that the relative path resolves against a working directory of the test's.
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.File("embedded"));
        (int exitCode, _, string errors) = Start(directory, "--data", "./embedded", "--epochs", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains($"Fashion-MNIST file missing: train-images-idx3-ubyte (or train-images-idx3-ubyte.gz) in "
            + directory.File("embedded"), errors);
    }

    [Fact]
    public void A_bad_option_exits_non_zero_with_the_message_on_standard_error()
    {
        using var directory = new TemporaryDirectory();
        (int exitCode, _, string errors) = Start(directory, "--batch-size", "0");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--batch-size must be at least 1, not '0'", errors);
    }

    private static (int ExitCode, string Output, string Errors) Start(
        TemporaryDirectory directory, params string[] args) => Start(directory, [], args);

    private static (int ExitCode, string Output, string Errors) Start(
        TemporaryDirectory directory, (string Name, string Value)[] environment, params string[] args)
    {
        Assert.True(File.Exists(AppPath), $"the app is not built at {AppPath}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(AppPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the app ran for more than two minutes");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }
}

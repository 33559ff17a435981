using NetDsl.Serialization;

namespace NetDsl.Tests.Serialization;

/// <summary>A failed save to a path leaves the previous file as it was and no temporary file behind.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netdsl-atomic-").FullName;

    private string Target => Path.Combine(folder, "weights.safetensors");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private byte[] WriteOldFile()
    {
        WeightsFile.Save(Target, TestFiles.Small, TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 5));
        return File.ReadAllBytes(Target);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(400)]
    public void A_write_failing_midway_leaves_the_old_file_and_no_temporary_file(long failAfter)
    {
        byte[] old = WriteOldFile();
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 6);

        var error = Assert.Throws<IOException>(() => WeightsFile.Save(
            Target, TestFiles.Small, parameters, file => new FailingWriteStream(file, failAfter)));

        Assert.StartsWith("Injected failure", error.Message);
        Assert.Equal(old, File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_parameter_count_mismatch_writes_nothing()
    {
        byte[] old = WriteOldFile();

        Assert.Throws<ArgumentException>(() => WeightsFile.Save(Target, TestFiles.Small, new float[2]));

        Assert.Equal(old, File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_target_that_cannot_be_replaced_leaves_no_temporary_file()
    {
        // A folder where the file should go: the final move fails after the temporary file was fully written.
        string blocked = Path.Combine(folder, "taken");
        Directory.CreateDirectory(blocked);
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount);

        Assert.ThrowsAny<IOException>(() => WeightsFile.Save(blocked, TestFiles.Small, parameters));

        Assert.Empty(Directory.GetFiles(folder));
        Assert.True(Directory.Exists(blocked));
    }

    [Fact]
    public void A_successful_save_replaces_the_old_file_and_leaves_no_temporary_file()
    {
        WriteOldFile();
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 7);

        WeightsFile.Save(Target, TestFiles.Small, parameters);

        Assert.Equal(TestFiles.Saved(TestFiles.Small, parameters), File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_relative_path_saves_beside_its_folder()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Target);

        WeightsFile.Save(relative, TestFiles.Small, new float[TestFiles.Small.ParameterCount]);

        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void The_stream_overload_lets_the_stream_failure_through_unchanged()
    {
        var sink = new MemoryStream();
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount);

        var error = Assert.Throws<IOException>(
            () => WeightsFile.Save(new FailingWriteStream(sink, 50), TestFiles.Small, parameters));

        Assert.StartsWith("Injected failure", error.Message);
        Assert.Equal(50, sink.Length);
    }
}

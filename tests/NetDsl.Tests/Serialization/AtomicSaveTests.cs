using System.Runtime.Versioning;
using NetDsl.Serialization;
using NetDsl.Tests.Support;

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

        // The message names the user's file, not the temporary one the failure happened in.
        Assert.StartsWith($"Could not save '{Target}': Injected failure", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.StartsWith("Injected failure", error.InnerException!.Message);
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

        var error = Assert.Throws<IOException>(() => WeightsFile.Save(blocked, TestFiles.Small, parameters));

        Assert.Equal($"Could not save '{blocked}': it is a folder, not a file; name a file inside it.", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
        Assert.True(Directory.Exists(blocked));
    }

    [Fact]
    public void A_missing_folder_is_named_and_nothing_is_left_behind()
    {
        string missing = Path.Combine(folder, "no-such-folder");
        string target = Path.Combine(missing, "x.safetensors");
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount);

        var error = Assert.Throws<DirectoryNotFoundException>(
            () => WeightsFile.Save(target, TestFiles.Small, parameters));

        Assert.Equal($"Could not save '{target}': the folder '{missing}' does not exist; create it first.",
            error.Message);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_file_where_a_folder_should_be_is_named()
    {
        string file = Path.Combine(folder, "plain-file");
        File.WriteAllText(file, "not a folder");
        string target = Path.Combine(file, "sub", "x.safetensors");

        var error = Assert.Throws<DirectoryNotFoundException>(
            () => WeightsFile.Save(target, TestFiles.Small, new float[TestFiles.Small.ParameterCount]));

        Assert.Equal($"Could not save '{target}': '{file}' is a file, not a folder.", error.Message);
        Assert.Equal([file], Directory.GetFileSystemEntries(folder));
    }

    [WriteProtectedFact]
    [SupportedOSPlatform("linux")]
    public void A_folder_without_write_permission_keeps_the_old_file_and_names_the_users_path()
    {
        byte[] old = WriteOldFile();

        UnauthorizedAccessException error;
        using (new WriteProtection(folder))
        {
            error = Assert.Throws<UnauthorizedAccessException>(
                () => WeightsFile.Save(Target, TestFiles.Small, new float[TestFiles.Small.ParameterCount]));
        }

        Assert.Equal($"Could not save '{Target}': permission denied: writing in '{folder}' or replacing the file is "
            + "not allowed.", error.Message);
        Assert.Equal(old, File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(folder));
    }

    [LinuxFact]
    public void A_folder_that_refuses_new_files_is_named_without_the_temporary_file()
    {
        // /proc gives "no such file" for any new file; the message once named the temporary file.
        var error = Assert.Throws<IOException>(
            () => new Networks.Models.FashionNet().SaveWeights("/proc/x.safetensors"));

        Assert.Equal("Could not save '/proc/x.safetensors': the folder '/proc' does not accept new files; "
            + "choose another folder.", error.Message);
        Assert.NotNull(error.InnerException);
        Assert.Empty(Directory.GetFiles("/proc", ".netdsl-*.tmp"));
    }

    [Fact]
    public void Loading_a_folder_says_it_is_a_folder()
    {
        // It once said "Access to the path is denied".
        foreach (Action load in new Action[]
        {
            () => new Networks.Models.FashionNet().LoadWeights(folder),
            () => WeightsFile.Inspect(folder),
            () => NetDsl.Data.IdxReader.Read(folder),
        })
        {
            var error = Assert.Throws<IOException>(load);
            Assert.Equal(
                $"Could not read '{folder}': it is a folder, not a file; name a file inside it.", error.Message);
        }
    }

    [Fact]
    public void IdxWriter_saves_atomically_with_the_same_messages()
    {
        string target = Path.Combine(folder, "images.idx.gz");
        var array = new NetDsl.Data.IdxArray([2, 1, 1], [10, 20]);
        NetDsl.Data.IdxWriter.Write(target, array);
        byte[] old = File.ReadAllBytes(target);

        var error = Assert.Throws<DirectoryNotFoundException>(
            () => NetDsl.Data.IdxWriter.Write(Path.Combine(folder, "missing", "a.idx"), array));
        Assert.Contains("does not exist; create it first.", error.Message);
        Assert.Throws<IOException>(() => NetDsl.Data.IdxWriter.Write(folder, array));

        Assert.Equal(old, File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(folder));
        Assert.Equal(array.Data, NetDsl.Data.IdxReader.Read(target).Data);
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

    [UnixTheory]
    [UnsupportedOSPlatform("windows")]
    [InlineData("600")]
    [InlineData("640")]
    [InlineData("444")]
    [InlineData("666")]
    public void A_replaced_file_keeps_its_permissions(string octal)
    {
        // Saves once left every replaced file 644: a private weights file became readable by every user. 666 checks
        // that the bits a umask of 022 would drop are restored too.
        WriteOldFile();
        var mode = (UnixFileMode)Convert.ToInt32(octal, 8);
        File.SetUnixFileMode(Target, mode);
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 8);

        WeightsFile.Save(Target, TestFiles.Small, parameters);

        Assert.Equal(mode, File.GetUnixFileMode(Target));
        Assert.Equal(TestFiles.Saved(TestFiles.Small, parameters), File.ReadAllBytes(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData(218)]
    [InlineData(255)]
    public void A_file_name_near_the_file_system_limit_saves(int length)
    {
        // The temporary file was once named after the target plus 38 characters, past 255 bytes for names of 218.
        string target = Path.Combine(folder, new string('a', length - ".safetensors".Length) + ".safetensors");
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 3);

        WeightsFile.Save(target, TestFiles.Small, parameters);

        Assert.Equal(TestFiles.Saved(TestFiles.Small, parameters), File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [Fact]
    public void Saving_through_a_symbolic_link_replaces_the_file_it_points_to_and_keeps_the_link()
    {
        WriteOldFile();
        string link = Path.Combine(folder, "latest.safetensors");
        File.CreateSymbolicLink(link, Target);
        float[] parameters = TestFiles.Parameters(TestFiles.Small.ParameterCount, seed: 4);

        WeightsFile.Save(link, TestFiles.Small, parameters);

        Assert.Equal(Target, new FileInfo(link).LinkTarget);
        Assert.Equal(TestFiles.Saved(TestFiles.Small, parameters), File.ReadAllBytes(Target));
        Assert.Equal([link, Target], Directory.GetFiles(folder).Order(StringComparer.Ordinal));
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

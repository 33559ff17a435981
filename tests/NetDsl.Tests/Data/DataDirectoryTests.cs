using NetDsl.Data;

namespace NetDsl.Tests.Data;

/// <summary>Finding the directory an app names by a path.</summary>
public class DataDirectoryTests
{
    [Fact]
    public void An_absolute_path_is_taken_as_is()
    {
        using var directory = new TempDirectory();

        Assert.Equal(directory.Path, DataDirectory.Resolve(directory.Path));
    }

    [Fact]
    public void A_relative_path_resolves_against_the_apps_output_directory()
    {
        // The output directory is where a project copies its data files; the test runner's current directory may
        // be elsewhere, and is not changed here because tests run in parallel.
        string name = "netdsl-data-" + Guid.NewGuid();
        string expected = Path.Combine(AppContext.BaseDirectory, name);
        Directory.CreateDirectory(expected);
        try
        {
            Assert.Equal(expected, DataDirectory.Resolve(name));
        }
        finally
        {
            Directory.Delete(expected);
        }
    }

    [Fact]
    public void A_directory_found_nowhere_fails_listing_where_it_looked()
    {
        string name = "netdsl-missing-" + Guid.NewGuid();

        var error = Assert.Throws<DirectoryNotFoundException>(() => DataDirectory.Resolve(name));

        Assert.Contains(Path.Combine(AppContext.BaseDirectory, name), error.Message);
        Assert.Contains(Path.Combine(Directory.GetCurrentDirectory(), name), error.Message);
    }
}

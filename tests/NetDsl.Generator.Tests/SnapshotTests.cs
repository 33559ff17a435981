using NetDsl.Generator.Tests.Support;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generated source of a few representative networks, compared with the files in Snapshots/. A change to the
/// emitter shows up here as a unified diff; Snapshots/README.md says how to accept it.
/// </summary>
public sealed class SnapshotTests
{
    /// <summary>Each snapshot: its file, the model's source, the hint name the generator gives it.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "FashionNet.g.cs", Models.FashionNet, "Samples.FashionNet.g.cs" },
        { "LeakyNet.g.cs", Models.LeakyNet, "Samples.LeakyNet.g.cs" },
        { "SharedKernelsNet.g.cs", Models.SharedKernelsNet, "Samples.SharedKernelsNet.g.cs" },
        { "NestedNet.g.cs", Models.NestedNet, "Company.Product.Models.Catalog+Group+Kind+TinyNet.g.cs" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_checked_in_snapshot(string snapshot, string model, string hintName)
    {
        GeneratorRun run = GeneratorHarness.Run(model).AssertClean();

        Assert.Equal([hintName], run.HintNames);
        Snapshot.Match(run.Source(hintName), snapshot);
    }

    [Fact]
    public void Every_checked_in_snapshot_belongs_to_a_case()
    {
        // A snapshot left behind by a renamed case would never be compared again, yet look authoritative.
        var expected = Cases.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        var present = System.IO.Directory.EnumerateFiles(Snapshot.Directory, "*.g.cs")
            .Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, present);
    }

    [Fact]
    public void Rewriting_a_differing_snapshot_fails_and_names_the_file()
    {
        // The rewrite switch once made every snapshot test pass, so a CI run with it set passed on changed output.
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "Net.g.cs");
        File.WriteAllText(path, "class Old { }\n");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(
            () => Snapshot.Match("class New { }\n", path, "Snapshots/Net.g.cs", updating: true));

        Assert.Equal("class New { }\n", File.ReadAllText(path));
        Assert.Contains("NETDSL_UPDATE_SNAPSHOTS=1 rewrote the differing snapshot Snapshots/Net.g.cs", failure.Message);
        Assert.Contains("rerun the tests without NETDSL_UPDATE_SNAPSHOTS", failure.Message);
        Assert.Contains("+class New { }", failure.Message);
    }

    [Fact]
    public void Writing_a_missing_snapshot_fails_too()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "Net.g.cs");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(
            () => Snapshot.Match("class New { }\n", path, "Snapshots/Net.g.cs", updating: true));

        Assert.Equal("class New { }\n", File.ReadAllText(path));
        Assert.Contains("wrote the missing snapshot Snapshots/Net.g.cs", failure.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_matching_snapshot_passes_and_is_left_as_it_is(bool updating)
    {
        // Git may check the file out with CRLF; the generator writes LF. Equal text is not rewritten either way.
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "Net.g.cs");
        File.WriteAllText(path, "class Same { }\r\n");

        Snapshot.Match("class Same { }\n", path, "Snapshots/Net.g.cs", updating);

        Assert.Equal("class Same { }\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void Without_the_switch_a_differing_snapshot_fails_with_a_diff_and_stays()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "Net.g.cs");
        File.WriteAllText(path, "class Old { }\n");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(
            () => Snapshot.Match("class New { }\n", path, "Snapshots/Net.g.cs", updating: false));

        Assert.Equal("class Old { }\n", File.ReadAllText(path));
        Assert.Contains("The generated source differs from Snapshots/Net.g.cs", failure.Message);
        Assert.Contains("-class Old { }", failure.Message);
    }

    [Fact]
    public void Shared_layers_emit_one_set_of_kernels()
    {
        string source = GeneratorHarness.Run(Models.SharedKernelsNet).AssertClean().SingleSource;
        // The calls as tokens, whichever lines the emitter breaks them over.
        string calls = string.Concat(source.Where(c => !char.IsWhiteSpace(c)));

        // Layer 0 (64 → 64 ReLU) and layers 1-5 have the same shape; layer 6 (64 → 3 Sigmoid) differs.
        Assert.Contains("private static void Layer0Forward<TSimd, TVector>(", source);
        Assert.Contains("private static void Layer6Forward<TSimd, TVector>(", source);
        for (int layer = 1; layer <= 5; layer++)
        {
            Assert.DoesNotContain($"void Layer{layer}Forward<", source);
            Assert.Contains(
                $"Layer0Forward<TSimd,TVector>(ref{(layer % 2 == 1 ? "even" : "odd")},64,count,"
                    + $"refglobal::System.Runtime.CompilerServices.Unsafe.Add(refparameters,Layer{layer}Weights)",
                calls);
        }
    }

    /// <summary>A folder of its own under the temporary directory, deleted with what it holds.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("netdsl-snapshot-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

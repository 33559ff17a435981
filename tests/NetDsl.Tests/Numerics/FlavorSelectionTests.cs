using System.Runtime.Intrinsics;
using NetDsl.Kernels;
using Xunit.Abstractions;

namespace NetDsl.Tests.Numerics;

/// <summary>The instruction-set matrix of scripts/test really changes the kernels' flavor: each run checks that the
/// flavor in use is the one its environment asks for, so a run can never silently repeat another.</summary>
public class FlavorSelectionTests(ITestOutputHelper output)
{
    [Fact]
    public void The_flavor_follows_the_environment()
    {
        string? forced = Environment.GetEnvironmentVariable("NETDSL_SIMD");
        output.WriteLine($"NETDSL_SIMD={forced}, selected {SimdSelection.Current}");
        SimdFlavor expected = forced is not null ? SimdSelection.Select(forced)
            : Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0" ? SimdFlavor.Scalar
            : Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0" && Vector128.IsHardwareAccelerated
                ? SimdFlavor.Vector128
            : Vector512.IsHardwareAccelerated ? SimdFlavor.Vector512
            : SimdFlavor.Vector256;
        Assert.Equal(expected, SimdSelection.Current);
        Assert.Equal((int)expected, Packing.PanelWidth);
        // .NET 10 reads DOTNET_EnableAVX512 and ignores the older DOTNET_EnableAVX512F: a run that sets only the old
        // switch silently repeats the Vector512 run on an AVX-512 machine, which this check caught in scripts/test.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") == "0"
            || Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
        {
            Assert.False(Vector512.IsHardwareAccelerated);
        }
    }

    [Theory]
    [InlineData("Vector512", SimdFlavor.Vector512)]
    [InlineData(" vector128 ", SimdFlavor.Vector128)]
    [InlineData("Scalar", SimdFlavor.Scalar)]
    public void Overrides_are_read_whatever_their_case(string value, SimdFlavor flavor)
        => Assert.Equal(flavor, SimdSelection.Select(value));

    [Fact]
    public void An_unknown_override_falls_back_to_the_hardware()
        => Assert.Equal(SimdSelection.Select(null), SimdSelection.Select("Vector1024"));
}

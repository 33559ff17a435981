namespace NetDsl.Tests.Support;

/// <summary>A test that needs the full Fashion-MNIST in <see cref="Directory"/>: skipped where it is absent, unless
/// <c>NETDSL_REQUIRE_FULL_FASHION_MNIST=1</c> (which .ci/run sets after installing it) requires it, and then the test
/// fails, with the reason, instead of being skipped. The sample's tests link this file.</summary>
public sealed class FullSetFactAttribute : FactAttribute
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the four files.</summary>
    public const string Directory = "/usr/share/datasets/fashion-mnist";

    internal const string Required = "NETDSL_REQUIRE_FULL_FASHION_MNIST";

    public FullSetFactAttribute()
    {
        bool required = Environment.GetEnvironmentVariable(Required) == "1";
        if (!required && !System.IO.Directory.Exists(Directory))
        {
            Skip = $"{Directory} is absent: apt-get install dataset-fashion-mnist.";
        }
    }
}

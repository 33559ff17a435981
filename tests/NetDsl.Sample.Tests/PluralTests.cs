using FashionMnistSample;

namespace NetDsl.Sample.Tests;

/// <summary>"1 epoch", never "1 epochs" or "1 epoch(s)".</summary>
public class PluralTests
{
    [Theory]
    [InlineData(1, "1 epoch")]
    [InlineData(2, "2 epochs")]
    [InlineData(0, "0 epochs")]
    [InlineData(60000, "60,000 epochs")]
    public void Counts_take_the_singular_only_for_one(int count, string expected)
        => Assert.Equal(expected, Plural.Of(count, "epoch"));
}

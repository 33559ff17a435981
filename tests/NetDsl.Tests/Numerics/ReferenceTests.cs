using NetDsl.Tests.Support;

namespace NetDsl.Tests.Numerics;

/// <summary>The test oracle itself, against published values (Abramowitz and Stegun, table 7.1, and values computed
/// to 20 digits with mpmath), so that an agreement between runtime and reference cannot be a shared mistake.</summary>
public class ReferenceTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.47950012218695346232)]
    [InlineData(1.0, 0.15729920705028513066)]
    [InlineData(2.0, 0.0046777349810472658379)]
    [InlineData(3.0, 2.2090496998585441373e-05)]
    [InlineData(5.0, 1.5374597944280348502e-12)]
    [InlineData(10.0, 2.0884875837625447570e-45)]
    [InlineData(-1.0, 1.8427007929497148693)]
    public void Erfc_matches_published_values(double z, double expected)
        => Assert.Equal(expected, Reference.Erfc(z), expected * 1e-14);

    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-8, -9.9999999500000001667e-09)]
    [InlineData(-0.5, -0.39346934028736657640)]
    public void ExpMinusOne_matches_published_values(double x, double expected)
        => Assert.Equal(expected, Reference.ExpMinusOne(x), System.Math.Abs(expected) * 1e-14);
}

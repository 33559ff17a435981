using System.Runtime.Intrinsics;
using NetDsl.Numerics;

namespace NetDsl.Tests.Numerics;

/// <summary>
/// The vector flavors' own e^x (<see cref="DoubleVector.ExpPolynomial{T}"/>) against Math.Exp, the platform's
/// correctly rounded or nearly so scalar exp. The bound of 2e-14 relative comes from the implementation: the
/// Taylor polynomial's truncation (below 7e-15) plus a few rounding errors of 1.1e-16 in the reduction and Horner
/// steps; measured, the worst is 8.8e-15. Below the normal range the error is counted in subnormal steps instead.
/// </summary>
public class ExpTests
{
    private const double RelativeBound = 2e-14;

    public static TheoryData<string> Widths => new() { "512", "256", "128" };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Matches_Math_Exp_over_the_whole_double_range(string width)
    {
        var random = new Random(2718);
        var inputs = new List<double>();
        for (int i = 0; i < 200_000; i++)
        {
            inputs.Add((random.NextDouble() - 0.5) * 1500); // −750 to 750: underflow, subnormals, overflow
            inputs.Add((random.NextDouble() - 0.5) * 2); // around 0, where most activations live
        }

        inputs.AddRange([0, -0.0, 1e-300, -1e-300, 0.5 * Math.Log(2), -0.5 * Math.Log(2), 709.78, 709.782712893384,
            709.7828, -708.39, -708.4, -744.44, -745.13, -745.14, -1000, 1000, double.Epsilon]);
        double worst = 0;
        foreach (double x in inputs)
        {
            double actual = Evaluate(width, x), expected = Math.Exp(x);
            if (double.IsInfinity(expected) || expected == 0)
            {
                Assert.True(actual == expected, $"exp({x:R}) = {actual:R}, not {expected:R}");
            }
            else if (expected < 2.2250738585072014e-308)
            {
                // A subnormal result: one rounding of the scaled polynomial, so within two of the smallest steps.
                Assert.True(Math.Abs(actual - expected) <= 2 * double.Epsilon + RelativeBound * expected,
                    $"exp({x:R}) = {actual:R}, not {expected:R}");
            }
            else
            {
                double error = Math.Abs(actual - expected) / expected;
                worst = Math.Max(worst, error);
                Assert.True(error <= RelativeBound, $"exp({x:R}) = {actual:R}, not {expected:R} ({error:E2} relative)");
            }
        }

        Assert.True(worst > 0, "Every result was bit-identical to Math.Exp: the comparison is not running.");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Gives_the_limits_and_NaN(string width)
    {
        Assert.Equal(0.0, Evaluate(width, double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, Evaluate(width, double.PositiveInfinity));
        Assert.True(double.IsNaN(Evaluate(width, double.NaN)));
        Assert.Equal(1.0, Evaluate(width, 0));
    }

    [Fact]
    public void Every_lane_is_computed_on_its_own()
    {
        // Lanes with very different inputs side by side: no lane's range reduction leaks into another.
        double[] lanes = [-800, 0.5, double.NaN, 709.7, -745, 1e-10, double.PositiveInfinity, -3];
        double[] actual = new double[8];
        DoubleVector.ExpPolynomial(new Double512(Vector512.Create(lanes))).Value.CopyTo(actual);
        for (int i = 0; i < 8; i++)
        {
            double expected = Math.Exp(lanes[i]);
            bool close = double.IsNaN(expected) ? double.IsNaN(actual[i])
                : double.IsInfinity(expected) ? actual[i] == expected
                : Math.Abs(actual[i] - expected) <= RelativeBound * expected + 2 * double.Epsilon;
            Assert.True(close, $"lane {i}: exp({lanes[i]:R}) = {actual[i]:R}, not {expected:R}");
        }
    }

    private static double Evaluate(string width, double x) => width switch
    {
        "512" => DoubleVector.ExpPolynomial(new Double512(Vector512.Create(x))).Value.GetElement(3),
        "256" => DoubleVector.ExpPolynomial(new Double256(Vector256.Create(x))).Value.GetElement(1),
        _ => DoubleVector.ExpPolynomial(new Double128(Vector128.Create(x))).Value.GetElement(1),
    };
}

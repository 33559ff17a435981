using NetDsl.Tests.Support;

namespace NetDsl.Tests.Numerics;

/// <summary>The ulp metric the accuracy tests rely on.</summary>
public class UlpTests
{
    [Fact]
    public void Neighbours_are_one_ulp_apart_even_across_zero()
    {
        Assert.Equal(0, Ulp.Distance(0f, -0f));
        Assert.Equal(1, Ulp.Distance(1f, MathF.BitIncrement(1f)));
        Assert.Equal(2, Ulp.Distance(-float.Epsilon, float.Epsilon));
        Assert.Equal(1, Ulp.Distance(float.MaxValue, float.PositiveInfinity));
        Assert.Equal(int.MaxValue, Ulp.Distance(1f, float.NaN));
    }

    [Fact]
    public void A_float_only_tanh_fails_the_bound_the_kernels_meet()
    {
        // The naive formula cancels near zero: the metric must see that, or passing tests would mean nothing.
        float x = 1e-4f;
        float naive = (MathF.Exp(2 * x) - 1) / (MathF.Exp(2 * x) + 1);
        Assert.True(Ulp.FromExact(naive, System.Math.Tanh(x)) > 100);
    }
}

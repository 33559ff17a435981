using NetDsl.Kernels;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Numerics;

public class ArgMaxTests
{
    [Theory]
    [InlineData(new[] { 1f, 3f, 3f }, 1)]
    [InlineData(new[] { float.NaN, 2f, float.NaN, 5f }, 3)]
    [InlineData(new[] { float.NegativeInfinity, float.NegativeInfinity }, 0)]
    [InlineData(new[] { -0f, 0f }, 0)]
    [InlineData(new[] { float.NaN, float.NaN }, -1)]
    [InlineData(new float[0], -1)]
    public void The_first_largest_value_that_is_not_NaN_or_minus_one(float[] values, int expected)
        => Assert.Equal(expected, Rows.ArgMax(values));

    [Fact]
    public void A_network_fed_NaN_predicts_no_class_and_scores_no_hit()
    {
        var network = new FashionNet();
        float[] input = Enumerable.Repeat(float.NaN, FashionNet.InputSize).ToArray();

        Assert.Equal(-1, network.Predict(input));

        // Label 0 once matched the 0 an all-NaN row gave: a diverged network scored a tenth of its samples right.
        var evaluation = network.CreateTrainer(new NetDsl.Training.Adam(), 1).Evaluate(input, [0]);
        Assert.Equal(0, evaluation.Accuracy);
    }
}

using NetDsl.Kernels;

namespace NetDsl.Tests.Numerics;

/// <summary>Softmax, in place and in registers, on the examples of the issue and a double reference.</summary>
public class SoftmaxTests
{
    public static TheoryData<float[], float[]> Examples => new()
    {
        { [1000f, 0f], [1f, 0f] },
        { [-1000f, -1000f], [0.5f, 0.5f] },
        { [1e30f, 1e30f, 1e30f], [1f / 3, 1f / 3, 1f / 3] },
        { [0f], [1f] },
        // Non-finite policy: +∞ entries share the mass, a row of −∞ is uniform, NaN poisons the row.
        { [float.PositiveInfinity, 0f, float.PositiveInfinity], [0.5f, 0f, 0.5f] },
        { [float.NegativeInfinity, float.NegativeInfinity], [0.5f, 0.5f] },
        { [float.NegativeInfinity, 0f], [0f, 1f] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_hold(float[] logits, float[] expected)
    {
        float[] row = (float[])logits.Clone();
        Softmax.InPlace(row);
        Assert.Equal(expected, row);
    }

    [Fact]
    public void NaN_makes_the_whole_row_NaN()
    {
        float[] row = [1f, float.NaN, 2f];
        Softmax.InPlace(row);
        Assert.All(row, value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void Every_length_sums_to_one_and_matches_a_double_reference()
    {
        var random = new Random(7);
        for (int length = 1; length <= 70; length++)
        {
            float[] row = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 40 - 20)).ToArray();
            double max = row.Max();
            double sum = row.Sum(x => System.Math.Exp(x - max));
            float[] actual = (float[])row.Clone();
            Softmax.InPlace(actual);

            // Each output within 2 ulps of the exact value: double evaluation, one rounding.
            for (int i = 0; i < length; i++)
            {
                Assert.True(
                    Support.Ulp.FromExact(actual[i], System.Math.Exp(row[i] - max) / sum) <= 2,
                    $"length {length}, entry {i}");
            }

            Assert.Equal(1.0, actual.Sum(x => (double)x), 1e-6);
        }
    }
}

using NetDsl.Tests.Networks.Models;
using NetDsl.Tests.Support;

namespace NetDsl.Tests.Networks;

/// <summary>
/// The softmax values through a generated Softmax layer, in whichever flavor the run uses (scripts/test runs
/// every flavor): the logits are the biases of a layer whose weights are zero, so they reach the kernel's epilogue
/// unchanged, infinities and NaN included. Rows of 2 take the fused register path everywhere; rows of 3 and 40 take
/// the in-place path where they span more than two vectors. The runtime's Softmax class is tested on its own in
/// <see cref="Numerics.SoftmaxTests"/>.
/// </summary>
public class SoftmaxLayerTests
{
    public static TheoryData<float[], float[]> Rows => new()
    {
        { [1000, 0], [1, 0] },
        { [-1000, -1000], [0.5f, 0.5f] },
        { [0, 200], [0, 1] },
        { [1e30f, 1e30f, 1e30f], [1 / 3f, 1 / 3f, 1 / 3f] },
        { [float.PositiveInfinity, float.PositiveInfinity, 0], [0.5f, 0.5f, 0] },
        { [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], [1 / 3f, 1 / 3f, 1 / 3f] },
        { [float.NegativeInfinity, 0, float.NegativeInfinity], [0, 1, 0] },
        { [1, float.NaN, 2], [float.NaN, float.NaN, float.NaN] },
        { [float.MaxValue, -float.MaxValue, 0], [1, 0, 0] },
        // Spread logits: float subnormals survive (e^-90, e^-103), e^-300 and beyond vanish, in every lane position.
        { [0, -90, -103], [1, (float)System.Math.Exp(-90), (float)System.Math.Exp(-103)] },
        { [-300, 0, -1e30f], [0, 1, 0] },
        { Fill(40, -800, (17, 0), (39, -90)), Fill(40, 0, (17, 1), (39, (float)System.Math.Exp(-90))) },
        { Fill(40, 1e30f), Fill(40, 1 / 40f) },
        { Fill(40, -1000, (0, 1000)), Fill(40, 0, (0, 1)) },
        { Fill(40, 0, (39, float.NaN)), Fill(40, float.NaN) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_softmax_layer_gives_the_limits_of_softmax(float[] logits, float[] expected)
    {
        INetwork network = WithLogits(logits);
        var output = new float[logits.Length];
        network.Forward([0.5f], output);

        AssertRow(expected, output, "");
    }

    /// <summary>The same rows through ForwardBatch: 13 rows are two whole batch tiles and one of a single row, so the
    /// values pass through every row position of a tile, where the register path normalizes each row apart.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_of_a_batch_gives_the_limits_of_softmax(float[] logits, float[] expected)
    {
        const int Batch = 13;
        INetwork network = WithLogits(logits);
        var outputs = new float[Batch * logits.Length];
        network.ForwardBatch(Enumerable.Repeat(0.5f, Batch).ToArray(), outputs);

        for (int row = 0; row < Batch; row++)
        {
            AssertRow(expected, outputs.AsSpan(row * logits.Length, logits.Length).ToArray(), $"row {row}, ");
        }
    }

    [Fact]
    public void Softmax_rows_of_a_batch_sum_to_one_within_1e6()
    {
        var network = new Softmax40();
        var parameters = new float[Softmax40.ParameterCount];
        var random = new Random(40);
        for (int i = 0; i < 40; i++)
        {
            parameters[i] = (float)(random.NextDouble() * 4 - 2);
            parameters[40 + i] = (float)(random.NextDouble() * 60 - 30);
        }

        network.ImportParameters(parameters);
        float[] inputs = ForwardTests.RandomInputs(random, 33);
        var outputs = new float[33 * 40];
        network.ForwardBatch(inputs, outputs);
        for (int row = 0; row < 33; row++)
        {
            Assert.Equal(1.0, outputs.AsSpan(row * 40, 40).ToArray().Sum(x => (double)x), 1e-6);
        }
    }

    /// <summary>A network whose logits are <paramref name="logits"/> for every input: zero weights, the logits as
    /// biases.</summary>
    private static INetwork WithLogits(float[] logits)
    {
        INetwork network = logits.Length switch
        {
            2 => new Softmax2(),
            3 => new Softmax3(),
            _ => new Softmax40(),
        };
        var parameters = new float[network.ParameterCount];
        logits.CopyTo(parameters, logits.Length);
        network.ImportParameters(parameters);
        return network;
    }

    private static void AssertRow(float[] expected, float[] output, string where)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i]))
            {
                Assert.True(float.IsNaN(output[i]), $"{where}output {i} is {output[i]}, not NaN");
            }
            else
            {
                // Double precision rounded once: the exact value's nearest float, or its neighbour.
                Assert.True(Ulp.Distance(expected[i], output[i]) <= 1,
                    $"{where}output {i} is {output[i]:R}, not {expected[i]:R}");
            }
        }
    }

    private static float[] Fill(int count, float value, params (int Index, float Value)[] exceptions)
    {
        float[] row = Enumerable.Repeat(value, count).ToArray();
        foreach ((int index, float special) in exceptions)
        {
            row[index] = special;
        }

        return row;
    }
}

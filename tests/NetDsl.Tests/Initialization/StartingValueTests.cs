using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Initialization;

/// <summary>What a network starts from besides its weights: biases of 0 or the layer's <c>Bias</c>, PReLU slopes of
/// 0.25 (PyTorch's nn.PReLU default) or the layer's <c>Alpha</c>, exactly, in the canonical order, after construction
/// and after every <c>Initialize</c>.</summary>
public class StartingValueTests
{
    // The canonical order of StartingValues: per layer its weights [units, fanIn], biases, then PReLU slopes.
    private static readonly (string Part, int Length, float? Value)[] Layout =
    [
        ("layer 0 weights", 6 * 5, null), ("layer 0 biases", 6, 0f), ("layer 0 slopes", 6, 0.25f),
        ("layer 1 weights", 7 * 6, null), ("layer 1 biases", 7, -0.25f), ("layer 1 slopes", 7, 0.1f),
        ("layer 2 weights", 3 * 7, null), ("layer 2 biases", 3, 0.5f),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData(7UL)]
    [InlineData(ulong.MaxValue)]
    public void Biases_and_slopes_start_at_their_defaults_or_named_values(ulong? seed)
    {
        var network = new StartingValues();
        if (seed is { } value)
        {
            network.Initialize(value);
        }

        var parameters = new float[StartingValues.ParameterCount];
        network.ExportParameters(parameters);

        Assert.Equal(StartingValues.ParameterCount, Layout.Sum(p => p.Length));
        int offset = 0;
        foreach ((string part, int length, float? expected) in Layout)
        {
            float[] values = parameters.AsSpan(offset, length).ToArray();
            if (expected is { } constant)
            {
                Assert.All(
                    values,
                    v => Assert.Equal(BitConverter.SingleToInt32Bits(constant), BitConverter.SingleToInt32Bits(v)));
            }
            else
            {
                Assert.True(
                    values.Distinct().Count() == length, $"{part} are not all different: {string.Join(", ", values)}");
            }

            offset += length;
        }
    }
}

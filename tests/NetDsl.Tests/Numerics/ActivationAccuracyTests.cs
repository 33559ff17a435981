using NetDsl.Kernels;
using NetDsl.Tests.Support;
using Xunit.Abstractions;

namespace NetDsl.Tests.Numerics;

/// <summary>
/// Every activation against its double-precision reference, over the whole float range, in all four flavors.
/// The bound is 1 ulp, and it follows from the design: activations are evaluated in double and rounded once, so a
/// result can only differ from the correctly rounded one when the double evaluation's error (about 1e-15 relative,
/// far below a float's 6e-8) straddles a float rounding boundary, which moves it by one ulp at most; the float-exact
/// activations (ReLU, x·α) are single correctly rounded operations.
/// </summary>
public class ActivationAccuracyTests(ITestOutputHelper output)
{
    private const long MaxUlps = 1;

    private static readonly float[] Inputs = FloatSamples.WholeRange();

    public static TheoryData<Act, float> Elementwise => new()
    {
        { Act.Linear, 0f }, { Act.Sigmoid, 0f }, { Act.Tanh, 0f }, { Act.ReLU, 0f }, { Act.LeakyReLU, 0.01f },
        { Act.LeakyReLU, 0.3f }, { Act.LeakyReLU, 0f }, { Act.PReLU, 0.25f }, { Act.PReLU, 0f }, { Act.PReLU, -0.5f },
        { Act.ELU, 1f }, { Act.ELU, 0.5f }, { Act.SELU, 0f },
        { Act.GELU, 0f }, { Act.GeluTanh, 0f }, { Act.SiLU, 0f }, { Act.Softplus, 0f }, { Act.Softsign, 0f },
        { Act.HardSigmoid, 0f }, { Act.Mish, 0f },
    };

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Every_flavor_is_within_one_ulp_of_the_reference_everywhere(Act activation, float alpha)
    {
        double[] exact = Inputs.Select(x => Reference.Activation(activation, x, alpha)).ToArray();
        foreach (SimdFlavor flavor in Flavors.All)
        {
            float[] actual = Flavors.Apply(flavor, activation, Inputs, alpha);
            long worst = 0;
            for (int i = 0; i < Inputs.Length; i++)
            {
                long ulps = Ulp.FromExact(actual[i], exact[i]);
                Assert.True(
                    ulps <= MaxUlps,
                    $"{activation}({Inputs[i]:R}) in {flavor}: got {actual[i]:R}, expected {(float)exact[i]:R}"
                        + $" ({ulps} ulps)");
                Assert.False(
                    float.IsFinite(Inputs[i]) && float.IsNaN(actual[i]), $"NaN for finite input {Inputs[i]:R}");
                worst = System.Math.Max(worst, ulps);
            }

            output.WriteLine($"{activation} α={alpha} {flavor}: worst {worst} ulp over {Inputs.Length} inputs");
        }
    }

    public static TheoryData<Act, float, float, float> KnownValues => new()
    {
        // Values from the issue and from the definitions, exact to float precision.
        { Act.Sigmoid, 0f, -1000f, 0f },
        { Act.Sigmoid, 0f, 89f, 1f },
        { Act.Sigmoid, 0f, 0f, 0.5f },
        { Act.SELU, 0f, -0.5f, -0.69175819f },
        { Act.ELU, 1f, -0.5f, -0.39346934f },
        { Act.Tanh, 0f, 1f, 0.7615942f },
        { Act.GELU, 0f, 1f, 0.84134475f },
        { Act.GeluTanh, 0f, 1f, 0.8411920f },
        { Act.Softplus, 0f, 0f, 0.6931472f },
        { Act.HardSigmoid, 0f, 1.5f, 0.75f },
        { Act.Mish, 0f, 1f, 0.86509836f },
        { Act.SiLU, 0f, 1f, 0.7310586f },
    };

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void Published_values_hold_in_every_flavor(Act activation, float alpha, float input, float expected)
    {
        foreach (SimdFlavor flavor in Flavors.All)
        {
            float actual = Flavors.Apply(flavor, activation, [input], alpha)[0];
            Assert.True(
                Ulp.Distance(actual, expected) <= 2,
                $"{activation}({input}) in {flavor}: {actual:R}, expected {expected:R}");
        }
    }

    public static TheoryData<Act, float, float, float> Limits => new()
    {
        // f(−∞) and f(+∞): the mathematical limits. NaN always gives NaN (checked below).
        { Act.Linear, 0f, float.NegativeInfinity, float.PositiveInfinity },
        { Act.Sigmoid, 0f, 0f, 1f },
        { Act.Tanh, 0f, -1f, 1f },
        { Act.ReLU, 0f, 0f, float.PositiveInfinity },
        { Act.LeakyReLU, 0.01f, float.NegativeInfinity, float.PositiveInfinity },
        { Act.PReLU, 0.25f, float.NegativeInfinity, float.PositiveInfinity },
        { Act.LeakyReLU, 0f, 0f, float.PositiveInfinity }, // −∞·0 is NaN; the function is 0 on the whole left side
        { Act.PReLU, 0f, 0f, float.PositiveInfinity },
        { Act.PReLU, -0.5f, float.PositiveInfinity, float.PositiveInfinity }, // a learned slope may turn negative
        { Act.ELU, 1f, -1f, float.PositiveInfinity },
        { Act.SELU, 0f, (float)(-Reference.SeluLambda * Reference.SeluAlpha), float.PositiveInfinity },
        { Act.GELU, 0f, 0f, float.PositiveInfinity },
        { Act.GeluTanh, 0f, 0f, float.PositiveInfinity },
        { Act.SiLU, 0f, 0f, float.PositiveInfinity },
        { Act.Softplus, 0f, 0f, float.PositiveInfinity },
        { Act.Softsign, 0f, -1f, 1f },
        { Act.HardSigmoid, 0f, 0f, 1f },
        { Act.Mish, 0f, 0f, float.PositiveInfinity },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Infinities_give_the_limits_and_NaN_stays_NaN_in_every_flavor(
        Act activation, float alpha, float atMinus, float atPlus)
    {
        foreach (SimdFlavor flavor in Flavors.All)
        {
            float[] actual =
                Flavors.Apply(flavor, activation, [float.NegativeInfinity, float.PositiveInfinity, float.NaN], alpha);
            Assert.Equal(atMinus, actual[0]);
            Assert.Equal(atPlus, actual[1]);
            Assert.True(float.IsNaN(actual[2]), $"{activation}(NaN) in {flavor} gave {actual[2]}");
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Every_flavor_gives_the_same_bits_for_signed_zeros_and_tiny_inputs(Act activation, float alpha)
    {
        // Ulp distance counts -0 and +0 as equal; a network's outputs should not depend on the machine even in the sign
        // of a zero (ReLU(-0) once gave -0 in the vector flavors and +0 in the scalar one).
        float[] inputs = [-0f, 0f, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f];
        int[] expected = Flavors.Apply(SimdFlavor.Vector256, activation, inputs, alpha)
            .Select(BitConverter.SingleToInt32Bits).ToArray();
        foreach (SimdFlavor flavor in Flavors.All)
        {
            int[] actual =
                Flavors.Apply(flavor, activation, inputs, alpha).Select(BitConverter.SingleToInt32Bits).ToArray();
            Assert.True(
                expected.SequenceEqual(actual),
                $"{activation} in {flavor}: {string.Join(", ", actual.Select(b => b.ToString("X8")))}"
                    + $" against Vector256's {string.Join(", ", expected.Select(b => b.ToString("X8")))}");
        }
    }
}

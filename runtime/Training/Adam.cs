using System.Numerics;
using System.Runtime.InteropServices;

namespace NetDsl.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch's conventions (torch.optim.Adam and AdamW): with t counting steps from 1,
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², and
/// p ← p − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε): ε is added to the bias-corrected √v̂, not folded into a
/// corrected ε̂. The first step with g = 1 moves a weight by
/// −lr/(1 + ε) = −9.9999999e-4 at lr = 1e-3; with g = 1e-7, by −lr·1e-7/(1e-7 + 1e-8) = −9.0909e-4.
/// </summary>
/// <remarks>Weight decay is PyTorch Adam's L2 penalty (g ← g + λp), or with <see cref="Decoupled"/> set, AdamW's
/// decoupled decay p ← p − lr·λ·p applied before the update.
/// <para>Moment estimates that decay below the smallest normal float (2⁻¹²⁶, for a parameter whose gradient stays
/// zero) are set to zero, as PyTorch does under <c>torch.set_flush_denormal(True)</c>: x64 processors take
/// microcoded slow paths on subnormal floats, and an update over subnormal moments measured 36 times slower. A flushed
/// m changes a step by less than lr/(1 − β₁ᵗ)·2⁻¹²⁶/ε, which moves no weight larger than about 1e-24 in magnitude at
/// the defaults. v is flushed only when ε is large enough that a subnormal v could not change the float sum √v̂ + ε
/// (so with ε = 0 it never is): there the flush changes no step at all.</para></remarks>
/// <param name="learningRate">lr, 1e-3 by default.</param>
/// <param name="beta1">β₁, 0.9.</param>
/// <param name="beta2">β₂, 0.999.</param>
/// <param name="epsilon">ε, 1e-8.</param>
/// <param name="weightDecay">λ, 0 by default.</param>
/// <param name="decoupled">AdamW's decoupled weight decay instead of an L2 penalty.</param>
public class Adam(
    float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0,
    bool decoupled = false) : IOptimizer
{
    private float _learningRate = OptimizerArguments.NonNegative(learningRate, nameof(learningRate));

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.NonNegative(value, nameof(LearningRate));
    }

    /// <summary>β₁.</summary>
    public float Beta1 { get; } = OptimizerArguments.Fraction(beta1, nameof(beta1));

    /// <summary>β₂.</summary>
    public float Beta2 { get; } = OptimizerArguments.Fraction(beta2, nameof(beta2));

    /// <summary>ε.</summary>
    public float Epsilon { get; } = OptimizerArguments.NonNegative(epsilon, nameof(epsilon));

    /// <summary>λ.</summary>
    public float WeightDecay { get; } = OptimizerArguments.NonNegative(weightDecay, nameof(weightDecay));

    /// <summary>True for AdamW's decoupled decay.</summary>
    public bool Decoupled { get; } = decoupled;

    /// <inheritdoc/>
    public int StateSlots => 2;

    /// <inheritdoc/>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        OptimizerArguments.Check(parameters, gradients, state, StateSlots, step);
        Span<float> first = state[..parameters.Length];
        Span<float> second = state.Slice(parameters.Length, parameters.Length);

        // The bias corrections are computed once per step in double, as PyTorch computes them in Python floats.
        float stepSize = (float)(LearningRate / (1 - System.Math.Pow(Beta1, step)));
        float correction = (float)System.Math.Sqrt(1 - System.Math.Pow(Beta2, step));
        float b1 = Beta1, b2 = Beta2, eps = Epsilon, decay = Decoupled ? 0 : WeightDecay;
        float shrink = Decoupled ? 1 - LearningRate * WeightDecay : 1;

        // √v̂ of a subnormal v is below 2⁻⁶³/correction; under a quarter of ε's ulp it cannot change √v̂ + ε.
        bool flushSecond = System.Math.Pow(2, -63) / correction * (1 + System.Math.Pow(2, -23))
            < eps * System.Math.Pow(2, -25);

        // The same lane-wise arithmetic on whole vectors, then on the tail: IEEE operations without contraction, so
        // both loops round identically.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
            ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
            Span<Vector<float>> m = MemoryMarshal.Cast<float, Vector<float>>(first);
            Span<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(second);
            for (int j = 0; j < p.Length; j++)
            {
                Vector<float> weight = p[j] * shrink;
                Vector<float> gradient = g[j] + decay * weight;
                Vector<float> mean = Subnormals.FlushToZero(b1 * m[j] + (1 - b1) * gradient);
                Vector<float> variance = b2 * v[j] + (1 - b2) * gradient * gradient;
                variance = flushSecond ? Subnormals.FlushToZero(variance) : variance;
                m[j] = mean;
                v[j] = variance;
                p[j] = weight - stepSize * mean / (Vector.SquareRoot(variance) / correction + new Vector<float>(eps));
            }

            i = p.Length * Vector<float>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            float weight = parameters[i] * shrink;
            float gradient = gradients[i] + decay * weight;
            float mean = Subnormals.FlushToZero(b1 * first[i] + (1 - b1) * gradient);
            float variance = b2 * second[i] + (1 - b2) * gradient * gradient;
            variance = flushSecond ? Subnormals.FlushToZero(variance) : variance;
            first[i] = mean;
            second[i] = variance;
            parameters[i] = weight - stepSize * mean / (MathF.Sqrt(variance) / correction + eps);
        }
    }
}

/// <summary>AdamW (Loshchilov and Hutter, 2019): <see cref="Adam"/> with decoupled weight decay, λ = 0.01 by
/// default as in PyTorch.</summary>
/// <param name="learningRate">lr, 1e-3 by default.</param>
/// <param name="beta1">β₁, 0.9.</param>
/// <param name="beta2">β₂, 0.999.</param>
/// <param name="epsilon">ε, 1e-8.</param>
/// <param name="weightDecay">λ, 0.01.</param>
public sealed class AdamW(
    float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f,
    float weightDecay = 0.01f)
    : Adam(learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);

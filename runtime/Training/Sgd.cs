using System.Numerics;
using System.Runtime.InteropServices;

namespace NetDsl.Training;

/// <summary>
/// Stochastic gradient descent with PyTorch's conventions (torch.optim.SGD, dampening 0): the L2 penalty is added to
/// the gradient, g ← g + λ·p; with momentum μ the buffer is b ← μ·b + g (b = g on the first step), and the step uses
/// b, or g + μ·b with Nesterov momentum; then p ← p − lr·step.
/// </summary>
/// <remarks>A momentum buffer that decays below the smallest normal float (2⁻¹²⁶, for a parameter whose gradient
/// stays zero) is set to zero, as PyTorch does under <c>torch.set_flush_denormal(True)</c>: x64 processors take
/// microcoded slow paths on subnormal floats. That changes a step by less than lr·2⁻¹²⁶ (1 + μ).</remarks>
/// <param name="learningRate">lr.</param>
/// <param name="momentum">μ, 0 for plain SGD.</param>
/// <param name="nesterov">Nesterov momentum (needs μ &gt; 0).</param>
/// <param name="weightDecay">λ of the L2 penalty, applied to every parameter (biases and slopes too, as PyTorch
/// does for a single parameter group).</param>
public sealed class Sgd(float learningRate, float momentum = 0, bool nesterov = false, float weightDecay = 0)
    : IOptimizer
{
    private float _learningRate = OptimizerArguments.NonNegative(learningRate, nameof(learningRate));

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.NonNegative(value, nameof(LearningRate));
    }

    /// <summary>μ.</summary>
    public float Momentum { get; } = OptimizerArguments.NonNegative(momentum, nameof(momentum));

    /// <summary>Whether the step looks ahead along the momentum.</summary>
    public bool Nesterov { get; } = !nesterov || momentum > 0 ? nesterov
        : throw new ArgumentException("Nesterov momentum needs a positive momentum.", nameof(nesterov));

    /// <summary>λ.</summary>
    public float WeightDecay { get; } = OptimizerArguments.NonNegative(weightDecay, nameof(weightDecay));

    /// <inheritdoc/>
    public int StateSlots => Momentum > 0 ? 1 : 0;

    /// <inheritdoc/>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        OptimizerArguments.Check(parameters, gradients, state, StateSlots, step);
        float lr = LearningRate, mu = Momentum, decay = WeightDecay;
        bool first = step == 1;

        // Whole vectors, then the tail, with the same lane-wise operations.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
            ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
            Span<Vector<float>> b = MemoryMarshal.Cast<float, Vector<float>>(mu > 0 ? state[..parameters.Length] : []);
            for (int j = 0; j < p.Length; j++)
            {
                Vector<float> gradient = g[j] + decay * p[j];
                if (mu > 0)
                {
                    Vector<float> buffer = Subnormals.FlushToZero(first ? gradient : mu * b[j] + gradient);
                    b[j] = buffer;
                    gradient = Nesterov ? gradient + mu * buffer : buffer;
                }

                p[j] -= lr * gradient;
            }

            i = p.Length * Vector<float>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            float gradient = gradients[i] + decay * parameters[i];
            if (mu > 0)
            {
                float buffer = Subnormals.FlushToZero(first ? gradient : mu * state[i] + gradient);
                state[i] = buffer;
                gradient = Nesterov ? gradient + mu * buffer : buffer;
            }

            parameters[i] -= lr * gradient;
        }
    }
}

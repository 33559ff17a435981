namespace NetDsl.Tests.Support;

/// <summary>
/// PyTorch's Adam and AdamW update (torch.optim, the single-tensor loop of torch/optim/adam.py), written from that
/// code in double precision, one parameter vector at a time:
/// AdamW first shrinks p ← p − lr·λ·p (Adam instead adds λ·p to g); then m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// and p ← p − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), with t counting steps from 1.
/// </summary>
/// <remarks>The hyper-parameters are the floats the optimizer under test is given, widened to double, so that the
/// reference and the runtime compute with the same numbers and differ only by the runtime's float roundings.</remarks>
public sealed class ReferenceAdam(
    float[] parameters, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled)
{
    private long _step;

    /// <summary>The parameters after the steps taken so far.</summary>
    public double[] Parameters { get; } = parameters.Select(p => (double)p).ToArray();

    /// <summary>m, the first-moment estimate.</summary>
    public double[] First { get; } = new double[parameters.Length];

    /// <summary>v, the second-moment estimate.</summary>
    public double[] Second { get; } = new double[parameters.Length];

    /// <summary>One update with these gradients.</summary>
    public void Step(IReadOnlyList<float> gradients)
    {
        _step++;
        double lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon, decay = weightDecay;
        double stepSize = lr / (1 - System.Math.Pow(b1, _step));
        double correction = System.Math.Sqrt(1 - System.Math.Pow(b2, _step));
        for (int i = 0; i < Parameters.Length; i++)
        {
            double g = gradients[i];
            if (decoupled)
            {
                Parameters[i] *= 1 - lr * decay;
            }
            else
            {
                g += decay * Parameters[i];
            }

            First[i] = b1 * First[i] + (1 - b1) * g;
            Second[i] = b2 * Second[i] + (1 - b2) * g * g;
            Parameters[i] -= stepSize * First[i] / (System.Math.Sqrt(Second[i]) / correction + eps);
        }
    }
}

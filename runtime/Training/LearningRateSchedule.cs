namespace NetDsl.Training;

/// <summary>A learning rate per epoch, which the training loop gives the optimizer before each epoch.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of <paramref name="epoch"/>, counted from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative (the built-in schedules
    /// check).</exception>
    float LearningRate(int epoch);
}

/// <summary>Step decay, as PyTorch's StepLR: lr₀·γ^⌊epoch / stepSize⌋.</summary>
/// <param name="initial">lr₀.</param>
/// <param name="stepSize">Epochs between decays.</param>
/// <param name="gamma">γ, the factor of each decay.</param>
public sealed class StepDecay(float initial, int stepSize, float gamma = 0.1f) : ILearningRateSchedule
{
    private readonly float _initial = OptimizerArguments.NonNegative(initial, nameof(initial));
    private readonly int _stepSize = OptimizerArguments.Positive(stepSize, nameof(stepSize));
    private readonly float _gamma = OptimizerArguments.NonNegative(gamma, nameof(gamma));

    /// <inheritdoc/>
    public float LearningRate(int epoch)
    {
        OptimizerArguments.CheckEpoch(epoch);
        return (float)(_initial * System.Math.Pow(_gamma, epoch / _stepSize));
    }
}

/// <summary>Cosine annealing, as PyTorch's CosineAnnealingLR without restarts: ηmin + (η₀ − ηmin)(1 + cos(π·t/T))/2,
/// reaching ηmin at epoch T and staying there.</summary>
/// <param name="initial">η₀.</param>
/// <param name="epochs">T.</param>
/// <param name="minimum">ηmin, 0 by default.</param>
public sealed class CosineDecay(float initial, int epochs, float minimum = 0) : ILearningRateSchedule
{
    private readonly float _initial = OptimizerArguments.NonNegative(initial, nameof(initial));
    private readonly int _epochs = OptimizerArguments.Positive(epochs, nameof(epochs));
    private readonly float _minimum = OptimizerArguments.NonNegative(minimum, nameof(minimum));

    /// <inheritdoc/>
    public float LearningRate(int epoch)
    {
        OptimizerArguments.CheckEpoch(epoch);
        return (float)(_minimum + (_initial - _minimum) * (1 + System.Math.Cos(
            System.Math.PI * System.Math.Min(epoch, _epochs) / _epochs)) / 2);
    }
}

/// <summary>The same learning rate every epoch.</summary>
/// <param name="learningRate">The rate.</param>
public sealed class ConstantRate(float learningRate) : ILearningRateSchedule
{
    private readonly float _learningRate = OptimizerArguments.NonNegative(learningRate, nameof(learningRate));

    /// <inheritdoc/>
    public float LearningRate(int epoch)
    {
        OptimizerArguments.CheckEpoch(epoch);
        return _learningRate;
    }
}

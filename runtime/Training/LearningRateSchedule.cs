namespace NetDsl.Training;

/// <summary>A learning rate per epoch, which the training loop gives the optimizer before each epoch.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of <paramref name="epoch"/>, counted from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative (the built-in schedules
    /// check).</exception>
    float LearningRate(int epoch);
}

/// <summary>Step decay, as PyTorch's StepLR: lr₀·γ^⌊epoch / stepSize⌋, computed in double and rounded once.
/// </summary>
/// <param name="initial">lr₀.</param>
/// <param name="stepSize">Epochs between decays.</param>
/// <param name="gamma">γ, the factor of each decay; above 1 the rate grows, until it passes float's range.</param>
public sealed class StepDecay(float initial, int stepSize, float gamma = 0.1f) : ILearningRateSchedule
{
    private readonly float _initial = OptimizerArguments.NonNegative(initial, nameof(initial));
    private readonly int _stepSize = OptimizerArguments.Positive(stepSize, nameof(stepSize));
    private readonly float _gamma = OptimizerArguments.NonNegative(gamma, nameof(gamma));

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative, or γ &gt; 1 has grown the
    /// rate past the largest float by this epoch.</exception>
    public float LearningRate(int epoch)
    {
        OptimizerArguments.CheckEpoch(epoch);
        int decays = epoch / _stepSize;

        // A rate of 0 stays 0: γ^k can overflow to ∞, and 0·∞ once gave NaN. A rate that grows past float's range
        // once came back as ∞, which no optimizer takes: refused here, naming the epoch.
        float rate = _initial == 0 ? 0 : (float)(_initial * System.Math.Pow(_gamma, decays));
        if (float.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch,
                $"At epoch {epoch}, {_initial}·{_gamma}^{decays} is past the largest float: a gamma above 1 grows the "
                    + "rate every stepSize epochs. Use fewer epochs or a gamma of at most 1.");
        }

        return rate;
    }
}

/// <summary>Cosine annealing, as PyTorch's CosineAnnealingLR without restarts: ηmin + (η₀ − ηmin)(1 + cos(π·t/T))/2,
/// computed in double and rounded once, reaching ηmin at epoch T and staying there.</summary>
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
        // Wholly in double, as PyTorch computes it in Python floats: η₀ − ηmin rounded to float first once put
        // 1 in 12 rates an ulp off the formula.
        return (float)(_minimum + ((double)_initial - _minimum) * (1 + System.Math.Cos(
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

namespace NetDsl.Training;

/// <summary>
/// Updates parameters from their gradients. An optimizer object holds only hyper-parameters, which may change between
/// steps (a schedule sets <see cref="LearningRate"/>); the per-parameter state (momentum, moment estimates) lives in
/// a buffer the trainer allocates once, <see cref="StateSlots"/> floats per parameter.
/// </summary>
public interface IOptimizer
{
    /// <summary>The step size for the next update.</summary>
    float LearningRate { get; set; }

    /// <summary>Floats of state per parameter: 0 for plain SGD, 1 with momentum, 2 for Adam.</summary>
    int StateSlots { get; }

    /// <summary>Applies one update. <paramref name="state"/> holds <see cref="StateSlots"/> × parameters.Length
    /// floats, zero before the first step; <paramref name="step"/> counts updates from 1.</summary>
    /// <exception cref="NotFiniteNumberException">A gradient is NaN or infinite (<see cref="Sgd"/> and
    /// <see cref="Adam"/> check; nothing is changed). <see cref="TrainingLoop"/> takes it as divergence.</exception>
    void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step);
}

namespace NetDsl.Training;

/// <summary>
/// Updates parameters from their gradients. An optimizer object holds only hyper-parameters, which may change between
/// steps (a schedule sets <see cref="LearningRate"/>); the per-parameter state (momentum, moment estimates) lives in
/// a buffer the trainer allocates once, <see cref="StateSlots"/> floats per position.
/// </summary>
/// <remarks>
/// <para>A trainer hands <see cref="Update"/> its network's packed storage, not the canonical order of
/// <see cref="INetwork.ExportParameters"/>: the layout the kernels read, with weights in panels as wide as the
/// process's vectors and every layer's units padded to a multiple of 16. Position i of <c>gradients</c> is the
/// gradient of position i of <c>parameters</c>, but which parameter a position holds depends on the instruction set,
/// and <c>parameters.Length</c> exceeds <see cref="INetwork.ParameterCount"/> by the padding.</para>
/// <para>So an update must be elementwise: the same rule at every position, reading only that position's parameter,
/// gradient and state (as SGD, momentum, Adam and AdamW are). Sums over all positions, such as a gradient norm, come
/// out right, since padding adds nothing; a count or mean over positions does not.</para>
/// <para>Padding positions read 0 in <c>parameters</c> and in <c>gradients</c> on every call. Whatever is written
/// there (Adam with ε = 0 writes 0/0 = NaN) is set back to 0 as soon as <see cref="Update"/> returns or throws, and
/// never reaches an output or a gradient. <c>state</c> belongs to the optimizer alone; the trainer never reads
/// it.</para>
/// </remarks>
public interface IOptimizer
{
    /// <summary>The step size for the next update.</summary>
    float LearningRate { get; set; }

    /// <summary>Floats of state per position: 0 for plain SGD, 1 with momentum, 2 for Adam.</summary>
    int StateSlots { get; }

    /// <summary>Applies one update in place, elementwise (see the remarks on what a position is).</summary>
    /// <param name="parameters">The packed parameters, padding included.</param>
    /// <param name="gradients">Their gradients, position for position; 0 at padding.</param>
    /// <param name="state"><see cref="StateSlots"/> × parameters.Length floats, zero before the first step, kept
    /// between steps; laid out as the optimizer likes (<see cref="Adam"/> keeps m in the first half, v in the
    /// second).</param>
    /// <param name="step">Counts updates from 1. An update that throws is not counted, so the next call repeats its
    /// number; what it wrote stays (padding aside), so check before writing, as <see cref="Sgd"/> and
    /// <see cref="Adam"/> do.</param>
    /// <exception cref="NotFiniteNumberException">A gradient is NaN or infinite (<see cref="Sgd"/> and
    /// <see cref="Adam"/> check; nothing is changed). <see cref="TrainingLoop"/> takes it as divergence.</exception>
    void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step);
}

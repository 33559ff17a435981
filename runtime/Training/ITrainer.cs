namespace NetDsl.Training;

/// <summary>
/// Trains one generated network: every generated class has a <c>CreateTrainer(optimizer, maxBatchSize)</c> that
/// returns one. A step runs the batch forward keeping every layer's pre-activations, computes the loss and its
/// gradient in a numerically stable form, runs the fused backward kernels (the activation's derivative applied in the
/// same pass that propagates the gradient), and lets the optimizer update the parameters. Work buffers for up to
/// <see cref="MaxBatchSize"/> rows are allocated when the trainer is created; steps allocate nothing.
/// </summary>
/// <remarks>A trainer updates its network's parameters in place; neither is safe to use from several threads at
/// once.</remarks>
public interface ITrainer
{
    /// <summary>The network being trained.</summary>
    INetwork Network { get; }

    /// <summary>The optimizer; its learning rate may be changed between steps.</summary>
    IOptimizer Optimizer { get; }

    /// <summary>The loss, as declared or implied by the last activation (never <see cref="Loss.Auto"/>).</summary>
    Loss Loss { get; }

    /// <summary>The largest batch a step accepts.</summary>
    int MaxBatchSize { get; }

    /// <summary>Updates applied so far.</summary>
    long StepCount { get; }

    /// <summary>One training step on class labels (cross-entropy networks).</summary>
    /// <param name="inputs">1 to <see cref="MaxBatchSize"/> rows of <see cref="INetwork.InputSize"/> features.</param>
    /// <param name="labels">One class index per row, below <see cref="INetwork.OutputSize"/>.</param>
    /// <returns>The batch's mean loss before the update.</returns>
    /// <exception cref="NotFiniteNumberException">The loss or a gradient is NaN or infinite, from NaN or infinite
    /// inputs, values too large for float (a mean squared error target of 3e38 overflows the loss while its gradient
    /// stays finite), parameters that already are, or divergence. Nothing changes and the step is not counted: the
    /// trainer refuses a non-finite loss for every optimizer before the update, and <see cref="Sgd"/>,
    /// <see cref="Adam"/> and <see cref="AdamW"/> refuse a non-finite gradient (another optimizer should, see
    /// <see cref="IOptimizer.Update"/>).</exception>
    /// <exception cref="InvalidOperationException">The network trains on binary cross-entropy or mean squared error,
    /// which need target vectors (as do ComputeGradients and Evaluate with labels).</exception>
    float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>One training step on target vectors: distributions for cross-entropy, values in [0, 1] for binary
    /// cross-entropy, anything for mean squared error.</summary>
    /// <param name="inputs">1 to <see cref="MaxBatchSize"/> rows of <see cref="INetwork.InputSize"/> features.</param>
    /// <param name="targets"><see cref="INetwork.OutputSize"/> values per row.</param>
    /// <returns>The batch's mean loss before the update: over the rows for cross-entropy, over every row and output
    /// for binary cross-entropy and mean squared error (PyTorch's reduction = 'mean').</returns>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside the loss's domain: below 0 for
    /// cross-entropy, outside [0, 1] for binary cross-entropy, not finite for any loss. Nothing changes.</exception>
    /// <exception cref="NotFiniteNumberException">The loss or a gradient is NaN or infinite; nothing changes, see the
    /// other overload.</exception>
    float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The forward and backward passes of <see cref="Step(ReadOnlySpan{float}, ReadOnlySpan{int})"/>
    /// without the update: afterwards <see cref="ExportGradients"/> holds the gradient of the mean loss.</summary>
    /// <returns>The batch's mean loss, NaN or infinite too (only a step, which would apply it, refuses that).
    /// </returns>
    /// <exception cref="InvalidOperationException">The network does not train on cross-entropy.</exception>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>The forward and backward passes on target vectors, without the update.</summary>
    /// <returns>The batch's mean loss, averaged as <see cref="Step(ReadOnlySpan{float}, ReadOnlySpan{float})"/>'s.
    /// </returns>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Copies the last computed gradients out, in the canonical order of
    /// <see cref="INetwork.ExportParameters"/>.</summary>
    void ExportGradients(Span<float> destination);

    /// <summary>The mean loss and accuracy over any number of rows, in batches of <see cref="MaxBatchSize"/>, without
    /// changing anything but the work buffers.</summary>
    /// <exception cref="InvalidOperationException">The network does not train on cross-entropy.</exception>
    Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>The mean loss and accuracy against target vectors.</summary>
    Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The rows of the last forward pass.</summary>
    int LastBatchSize { get; }

    /// <summary>Copies out layer <paramref name="layer"/>'s outputs (after its activation) for the last forward pass:
    /// <see cref="LastBatchSize"/> rows of its unit count.</summary>
    /// <exception cref="InvalidOperationException">No batch has run yet.</exception>
    void ExportActivations(int layer, Span<float> destination);

    /// <summary>Copies out layer <paramref name="layer"/>'s pre-activations W·x + b for the last forward pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No batch has run yet.</exception>
    void ExportPreActivations(int layer, Span<float> destination);
}

/// <summary>A loss and an accuracy over a set of rows.</summary>
/// <param name="Loss">The mean loss.</param>
/// <param name="Accuracy">The fraction of rows whose largest output is the label (cross-entropy), or of outputs on
/// the right side of ½ (binary cross-entropy); NaN for mean squared error, a regression loss.</param>
/// <param name="Count">The rows evaluated.</param>
public readonly record struct Evaluation(double Loss, double Accuracy, int Count);

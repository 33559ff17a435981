namespace NetDsl;

/// <summary>The loss a network trains on. <see cref="Auto"/> (the default without a <see cref="LossAttribute"/>)
/// follows the last activation: Softmax trains on <see cref="CrossEntropy"/>, Sigmoid on
/// <see cref="BinaryCrossEntropy"/>, anything else on <see cref="MeanSquaredError"/>.</summary>
public enum Loss
{
    /// <summary>Chosen from the last layer's activation.</summary>
    Auto = 0,

    /// <summary>Softmax cross-entropy over class indices, fused with the Softmax layer and computed as
    /// logsumexp(z) − z_target from the logits z (never log of a probability). Averaged over the batch. Needs a Softmax
    /// output.</summary>
    CrossEntropy = 1,

    /// <summary>Binary cross-entropy per output against targets in [0, 1], fused with the Sigmoid layer in the stable
    /// form max(z, 0) − z·y + ln(1 + e^−|z|). Averaged over the batch and the outputs. Needs a Sigmoid output.
    /// </summary>
    BinaryCrossEntropy = 2,

    /// <summary>Mean squared error against target vectors, averaged over the batch and the outputs (PyTorch's
    /// MSELoss).</summary>
    MeanSquaredError = 3,
}

namespace NetDsl.Serialization;

/// <summary>The tensors a name mapping found for one layer, not yet checked against the model.</summary>
/// <param name="Weight">The [units, fanIn] weights, by the file's account.</param>
/// <param name="Bias">The [units] biases.</param>
/// <param name="Slopes">The PReLU slopes, when the file has some for this layer.</param>
internal sealed record LayerTensors(TensorEntry Weight, TensorEntry Bias, TensorEntry? Slopes);

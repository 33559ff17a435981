namespace NetDsl.Serialization;

/// <summary>Options for <see cref="WeightsFile.Load(Stream, NetworkDescription, WeightsLoadOptions?)"/>.</summary>
public sealed record WeightsLoadOptions
{
    /// <summary>NetDsl names, activations checked.</summary>
    public static WeightsLoadOptions Default { get; } = new();

    /// <summary>PyTorch <c>nn.Sequential</c> state_dict names, mapped by layer order.</summary>
    public static WeightsLoadOptions PyTorch { get; } = new() { NameMapping = TensorNameMapping.ByLayerOrder };

    /// <summary>How tensors are matched to layers; <see cref="TensorNameMapping.NetDsl"/> by default.</summary>
    public TensorNameMapping NameMapping { get; init; } = TensorNameMapping.NetDsl;

    /// <summary>
    /// When true (the default), a file whose metadata records a layer's activation refuses to load into a model
    /// whose layer has another one, and so does a file that records another alpha for a LeakyReLU or ELU layer
    /// (see <see cref="WeightsMetadata"/>). Set it to false to move weights between activations on purpose, such as a
    /// network trained with Softmax outputs deployed with Linear logits. Files without NetDsl metadata (PyTorch's)
    /// record no activations, so nothing is checked.
    /// </summary>
    public bool CheckActivations { get; init; } = true;
}

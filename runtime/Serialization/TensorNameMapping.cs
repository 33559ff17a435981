namespace NetDsl.Serialization;

/// <summary>How <see cref="WeightsFile.Load(Stream, NetworkDescription, WeightsLoadOptions?)"/> finds each layer's
/// tensors in a file.</summary>
public enum TensorNameMapping
{
    /// <summary>
    /// By NetDsl's names, as <see cref="WeightsFile.Save(Stream, NetworkDescription, ReadOnlySpan{float})"/> writes
    /// them: "layers.{i}.weight" [units, fanIn], "layers.{i}.bias" [units] and, for PReLU layers,
    /// "layers.{i}.slope" [units], with i the 0-based layer index. Every tensor must be one of these.
    /// </summary>
    NetDsl = 0,

    /// <summary>
    /// By layer order, for a PyTorch <c>state_dict</c> of an <c>nn.Sequential</c> of <c>nn.Linear</c> layers saved
    /// with <c>safetensors.torch.save_file</c>. Names are "{prefix}{module}.weight" and "{prefix}{module}.bias",
    /// with the same prefix throughout (often none, as in "0.weight", "2.bias"; or "net." for a Sequential held in
    /// a field <c>net</c>). Modules are ordered by their integer index, numerically ("10" after "2"); indices of
    /// modules without parameters (activations, dropout) are simply absent. Each module with a 2-D weight [out, in]
    /// and a bias [out] is an <c>nn.Linear</c> and becomes the next NetDsl layer. A module with only a 1-D weight
    /// that comes right after a Linear module is an <c>nn.PReLU</c>: its weight is that layer's slopes, of length
    /// units (<c>nn.PReLU(num_parameters=units)</c>) or 1 (<c>nn.PReLU()</c>, one slope shared by every unit,
    /// copied to each), and the layer must be PReLU in the model. Any other tensor is refused with its name.
    /// </summary>
    ByLayerOrder = 1,
}

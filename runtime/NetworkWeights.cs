using NetDsl.Serialization;

namespace NetDsl;

/// <summary>
/// Saving and loading any generated network's parameters as a safetensors file (see docs/weights-files.md): tensors
/// "layers.{i}.weight" [units, fanIn], "layers.{i}.bias" and "layers.{i}.slope", with the network's shape in the
/// metadata so that loading into another shape fails with a message saying what differs.
/// </summary>
public static class NetworkWeights
{
    /// <summary>Writes every parameter to <paramref name="path"/> atomically: a temporary file in the same folder,
    /// flushed, then renamed over the target, so a failure never leaves a truncated file nor destroys the previous one.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written (a missing folder gives its subclass
    /// <see cref="DirectoryNotFoundException"/>); the message names <paramref name="path"/> and the reason.</exception>
    /// <exception cref="UnauthorizedAccessException">Writing there is not permitted.</exception>
    public static void SaveWeights(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightsFile.Save(path, network.Description, Export(network));
    }

    /// <summary>Writes every parameter to <paramref name="destination"/> (flushed, not disposed).</summary>
    public static void SaveWeights(this INetwork network, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightsFile.Save(destination, network.Description, Export(network));
    }

    /// <summary>Replaces every parameter with those of a weights file. The whole file is read and checked before
    /// anything changes: on failure the network keeps its weights.</summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">A NetDsl weights file, or with <see cref="WeightsLoadOptions.PyTorch"/> a PyTorch
    /// state_dict of an nn.Sequential saved with safetensors.torch.save_file.</param>
    /// <param name="options">How tensor names map to layers; NetDsl's own names by default.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; the message says
    /// what is wrong.</exception>
    public static void LoadWeights(this INetwork network, string path, WeightsLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.ImportParameters(WeightsFile.Load(path, network.Description, options));
    }

    /// <inheritdoc cref="LoadWeights(INetwork, string, WeightsLoadOptions?)"/>
    public static void LoadWeights(this INetwork network, Stream source, WeightsLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.ImportParameters(WeightsFile.Load(source, network.Description, options));
    }

    private static float[] Export(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }
}

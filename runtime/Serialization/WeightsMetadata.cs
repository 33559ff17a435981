using System.Globalization;
using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// The "__metadata__" keys a NetDsl weights file carries. All values are strings, as the format requires:
/// <list type="table">
/// <item><term><c>netdsl.version</c></term><description>The weights-file layout version, "1".</description></item>
/// <item><term><c>netdsl.network</c></term><description>The network type's full name.</description></item>
/// <item><term><c>netdsl.input_size</c></term><description>The number of inputs, such as "784".</description></item>
/// <item><term><c>netdsl.layers</c></term><description>The whole shape at a glance: the input size, then each layer
/// as "&gt;units:Activation", such as "784&gt;128:ReLU&gt;10:Softmax".</description></item>
/// <item><term><c>netdsl.layers.{i}.activation</c></term><description>Layer i's <see cref="Act"/> name, such as
/// "ReLU"; checked on load (see <see cref="WeightsLoadOptions.CheckActivations"/>).</description></item>
/// <item><term><c>netdsl.layers.{i}.alpha</c></term><description>Layer i's fixed activation parameter (LeakyReLU's
/// slope, ELU's α) in round-trip form, such as "0.2"; written for LeakyReLU and ELU layers, 0 included, and for any
/// layer whose description has a non-zero Alpha; checked on load like the activation, for the same
/// layers.</description></item>
/// </list>
/// Layer shapes themselves are read from the tensors, not from these keys, which a reader may ignore.
/// </summary>
public static class WeightsMetadata
{
    /// <summary>The key of the layout version.</summary>
    public const string VersionKey = "netdsl.version";

    /// <summary>The layout version this NetDsl writes and reads.</summary>
    public const string CurrentVersion = "1";

    /// <summary>The key of the network type's name.</summary>
    public const string NetworkKey = "netdsl.network";

    /// <summary>The key of the input size.</summary>
    public const string InputSizeKey = "netdsl.input_size";

    /// <summary>The key of the compact layer list, such as "784&gt;128:ReLU&gt;10:Softmax".</summary>
    public const string LayersKey = "netdsl.layers";

    /// <summary>The key of layer <paramref name="layer"/>'s activation (0-based).</summary>
    public static string ActivationKey(int layer)
        => $"netdsl.layers.{layer.ToString(CultureInfo.InvariantCulture)}.activation";

    /// <summary>The key of layer <paramref name="layer"/>'s fixed activation parameter (0-based).</summary>
    public static string AlphaKey(int layer) => $"netdsl.layers.{layer.ToString(CultureInfo.InvariantCulture)}.alpha";

    /// <summary>The compact layer list of <paramref name="description"/>, such as
    /// "784&gt;128:ReLU&gt;10:Softmax".</summary>
    public static string CompactLayers(NetworkDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description.InputSize.ToString(CultureInfo.InvariantCulture) + string.Concat(
            description.Layers.Select(l => $">{l.Units.ToString(CultureInfo.InvariantCulture)}:{l.Activation}"));
    }

    /// <summary>Every key for <paramref name="description"/>.</summary>
    public static Dictionary<string, string> For(NetworkDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [VersionKey] = CurrentVersion,
            [NetworkKey] = description.Name,
            [InputSizeKey] = description.InputSize.ToString(CultureInfo.InvariantCulture),
            [LayersKey] = CompactLayers(description),
        };
        for (int i = 0; i < description.Layers.Count; i++)
        {
            var layer = description.Layers[i];
            metadata[ActivationKey(i)] = layer.Activation.ToString();
            if (HasFixedAlpha(layer))
            {
                metadata[AlphaKey(i)] = layer.Alpha.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        return metadata;
    }

    /// <summary>LeakyReLU's slope and ELU's α are part of what the layer computes, 0 included (LeakyReLU with a slope
    /// of 0 is ReLU); a description may also give another activation an Alpha, which is then recorded too.</summary>
    private static bool HasFixedAlpha(LayerDescription layer)
        => layer.Activation is Act.LeakyReLU or Act.ELU || layer.Alpha != 0;

    /// <summary>Refuses a file written in a layout version this NetDsl does not know.</summary>
    internal static void CheckVersion(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(VersionKey, out string? version) && version != CurrentVersion)
        {
            throw Mismatch($"the file has NetDsl layout version " +
                $"'{Shorten(version)}'; this NetDsl reads version {CurrentVersion}");
        }
    }

    /// <summary>Refuses a file that records another activation than the model's for some layer.</summary>
    internal static void CheckActivations(IReadOnlyDictionary<string, string> metadata, NetworkDescription expected)
    {
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            string modelActivation = expected.Layers[i].Activation.ToString();
            if (metadata.TryGetValue(ActivationKey(i), out string? fileActivation) && fileActivation != modelActivation)
            {
                throw Mismatch($"layer {i} is {Shorten(fileActivation)} in the " +
                    $"file, {modelActivation} in the model (set WeightsLoadOptions.CheckActivations to false to load " +
                    "the weights anyway)");
            }

            string modelAlpha = expected.Layers[i].Alpha.ToString("R", CultureInfo.InvariantCulture);
            if (HasFixedAlpha(expected.Layers[i]) && metadata.TryGetValue(AlphaKey(i), out string? fileAlpha) &&
                fileAlpha != modelAlpha)
            {
                throw Mismatch(
                    $"layer {i}'s {modelActivation} has α = {Shorten(fileAlpha)} in the file, {modelAlpha} "
                    + "in the model (set WeightsLoadOptions.CheckActivations to false to load the weights anyway)");
            }
        }
    }
}

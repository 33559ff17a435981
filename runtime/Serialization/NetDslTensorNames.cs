using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>Finds each layer's tensors by NetDsl's names: "layers.{i}.weight", ".bias" and ".slope".</summary>
internal static class NetDslTensorNames
{
    public static string Weight(int layer) => $"layers.{layer}.weight";

    public static string Bias(int layer) => $"layers.{layer}.bias";

    public static string Slope(int layer) => $"layers.{layer}.slope";

    public static List<LayerTensors> Map(SafetensorsHeader header)
    {
        int layerCount = 0;
        foreach (var tensor in header.Tensors)
        {
            if (!TryParse(tensor.Name, out int layer))
            {
                string hint = LayerOrderTensorNames.LooksLikePyTorch(tensor.Name)
                    ? "; for a PyTorch state_dict, load with WeightsLoadOptions.PyTorch " +
                      "(NameMapping = TensorNameMapping.ByLayerOrder)"
                    : "";
                throw Mismatch($"the file has a tensor {Quote(tensor.Name)}, which is not " +
                    $"a NetDsl layer tensor ('layers.<i>.weight', '.bias' or '.slope'){hint}");
            }

            layerCount = System.Math.Max(layerCount, layer + 1);
        }

        // Each layer has at least two tensors, so a gap shows up within the first Tensors.Count indices: the loop
        // throws before a hostile index like 999999999 costs anything.
        var layers = new List<LayerTensors>();
        for (int i = 0; i < layerCount; i++)
        {
            layers.Add(new LayerTensors(Required(header, Weight(i)), Required(header, Bias(i)), header.Find(Slope(i))));
        }

        return layers;
    }

    private static TensorEntry Required(SafetensorsHeader header, string name)
        => header.Find(name) ?? throw Mismatch($"the file has no tensor '{name}'");

    private static bool TryParse(string name, out int layer)
    {
        layer = 0;
        const string Prefix = "layers.";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = name[Prefix.Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && rest[(dot + 1)..] is "weight" or "bias" or "slope"
            && LayerOrderTensorNames.TryParseIndex(rest[..dot], out layer);
    }
}

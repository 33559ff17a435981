using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// Finds each layer's tensors in a PyTorch nn.Sequential state_dict by module order, as
/// <see cref="TensorNameMapping.ByLayerOrder"/> describes: "{prefix}{module}.weight" and "{prefix}{module}.bias".
/// </summary>
internal static class LayerOrderTensorNames
{
    private sealed class Module(int index)
    {
        public int Index { get; } = index;

        public TensorEntry? Weight { get; set; }

        public TensorEntry? Bias { get; set; }
    }

    public static List<LayerTensors> Map(SafetensorsHeader header)
    {
        var modules = new Dictionary<int, Module>();
        string? commonPrefix = null;
        foreach (var tensor in header.Tensors)
        {
            if (!TryParse(tensor.Name, out string prefix, out int index, out bool isWeight))
            {
                throw Mismatch($"the file has a tensor {Quote(tensor.Name)}, which is not " +
                    "a numbered module's weight or bias ('0.weight', '0.bias', ...): only nn.Linear and nn.PReLU " +
                    "modules of an nn.Sequential map to NetDsl layers");
            }

            commonPrefix ??= prefix;
            if (prefix != commonPrefix)
            {
                throw Mismatch($"the file's tensors {Quote(tensor.Name)} and " +
                    $"'{Shorten(commonPrefix)}…' belong to different module paths; one nn.Sequential is expected");
            }

            var module = modules.TryGetValue(index, out var known) ? known : modules[index] = new Module(index);
            if (isWeight)
            {
                module.Weight = tensor;
            }
            else
            {
                module.Bias = tensor;
            }
        }

        return ToLayers(modules.Values.OrderBy(m => m.Index));
    }

    private static List<LayerTensors> ToLayers(IEnumerable<Module> modulesInOrder)
    {
        var layers = new List<LayerTensors>();
        bool previousWasLinear = false;
        foreach (var module in modulesInOrder)
        {
            string label = $"module {module.Index}";
            if (module.Weight is null)
            {
                throw Mismatch($"{label} has a bias but no weight");
            }

            if (module.Weight.Shape.Count == 2)
            {
                var bias = module.Bias ?? throw Mismatch($"{label} is a Linear module without a bias " +
                    $"({Quote(module.Weight.Name)} has no '.bias'); NetDsl layers always have one");
                layers.Add(new LayerTensors(module.Weight, bias, null));
                previousWasLinear = true;
            }
            else if (module.Weight.Shape.Count == 1 && module.Bias is null && previousWasLinear)
            {
                // An nn.PReLU right after its Linear: its weight holds the slopes.
                layers[^1] = layers[^1] with { Slopes = module.Weight };
                previousWasLinear = false;
            }
            else
            {
                throw Mismatch($"{label}'s weight {Quote(module.Weight.Name)} has shape " +
                    $"{module.Weight.ShapeText}: only nn.Linear ([out, in] weight and [out] bias) and nn.PReLU " +
                    "right after a Linear (a 1-D weight) map to NetDsl layers");
            }
        }

        return layers;
    }

    /// <summary>True for names such as "0.weight" or "net.2.bias", to hint at the by-order option.</summary>
    public static bool LooksLikePyTorch(string name) => TryParse(name, out _, out _, out _);

    /// <summary>Splits "{prefix}{index}.{weight|bias}"; the prefix is empty or ends with a dot.</summary>
    private static bool TryParse(string name, out string prefix, out int index, out bool isWeight)
    {
        prefix = "";
        index = 0;
        isWeight = name.EndsWith(".weight", StringComparison.Ordinal);
        if (!isWeight && !name.EndsWith(".bias", StringComparison.Ordinal))
        {
            return false;
        }

        string module = name[..name.LastIndexOf('.')];
        int split = module.LastIndexOf('.') + 1;
        prefix = module[..split];
        return TryParseIndex(module[split..], out index);
    }

    /// <summary>A module or layer index as PyTorch and NetDsl write it: decimal digits without a leading zero, so
    /// that "1" and "01" cannot name the same layer, and small enough for an int.</summary>
    public static bool TryParseIndex(string text, out int index)
    {
        index = 0;
        bool canonical = text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0');
        return canonical && int.TryParse(text, out index);
    }
}

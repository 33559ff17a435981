using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>Checks the tensors a name mapping found against the model, then copies them into one canonical
/// parameter vector: per layer, weights [units, fanIn] row-major, biases, then PReLU slopes.</summary>
internal static class WeightsAssembler
{
    /// <summary>Throws an <see cref="InvalidDataException"/> saying what differs first, in layer order.</summary>
    /// <param name="found">The tensors of each layer, as the name mapping found them.</param>
    /// <param name="expected">The model's shape.</param>
    /// <param name="sharedSlopeAllowed">Whether a [1] slope tensor stands for one slope shared by every unit.</param>
    public static void CheckShapes(
        IReadOnlyList<LayerTensors> found, NetworkDescription expected, bool sharedSlopeAllowed)
    {
        if (found.Count != expected.Layers.Count)
        {
            throw Mismatch($"the file has {Plural(found.Count, "layer")}, the model {expected.Layers.Count}");
        }

        for (int i = 0; i < found.Count; i++)
        {
            CheckLayer(i, found[i], expected.Layers[i], expected.InputSize, sharedSlopeAllowed);
        }
    }

    private static void CheckLayer(int i, LayerTensors tensors, LayerDescription layer, int inputSize, bool sharedSlope)
    {
        var weight = tensors.Weight;
        if (weight.Shape.Count != 2)
        {
            throw Mismatch($"tensor {Quote(weight.Name)} has shape {weight.ShapeText}; a layer's weight is 2-D, " +
                "[units, fan-in]");
        }

        if (weight.Shape[0] != layer.Units)
        {
            throw Mismatch($"layer {i} has {weight.Shape[0]} units in the file, {layer.Units} in the model");
        }

        if (weight.Shape[1] != layer.FanIn)
        {
            throw Mismatch(i == 0
                ? $"the file's input size is {weight.Shape[1]}, the model's {inputSize}"
                : $"layer {i} takes {weight.Shape[1]} inputs in the file, {layer.FanIn} in the model");
        }

        var bias = tensors.Bias;
        if (bias.Shape.Count != 1 || bias.Shape[0] != layer.Units)
        {
            throw Mismatch($"tensor {Quote(bias.Name)} has shape {bias.ShapeText}; the bias of layer {i} is " +
                $"[{layer.Units}]");
        }

        CheckSlopes(i, tensors.Slopes, layer, sharedSlope);
        foreach (var tensor in new[] { weight, bias, tensors.Slopes })
        {
            if (tensor is not null && !TensorDTypes.ConvertsToSingle(tensor.DType))
            {
                throw Mismatch($"tensor {Quote(tensor.Name)} holds {TensorDTypes.FileName(tensor.DType)} values; " +
                    "NetDsl loads F32, F16, BF16 and F64");
            }
        }
    }

    private static void CheckSlopes(int i, TensorEntry? slopes, LayerDescription layer, bool sharedSlope)
    {
        if (slopes is null)
        {
            if (layer.HasSlopes)
            {
                throw Mismatch($"layer {i} is PReLU in the model, but the file has no slopes for it");
            }

            return;
        }

        if (!layer.HasSlopes)
        {
            throw Mismatch($"the file has PReLU slopes for layer {i} ({Quote(slopes.Name)}), which is " +
                $"{layer.Activation} in the model");
        }

        bool perUnit = slopes.Shape.Count == 1 && slopes.Shape[0] == layer.Units;
        bool shared = sharedSlope && slopes.Shape.Count == 1 && slopes.Shape[0] == 1;
        if (!perUnit && !shared)
        {
            throw Mismatch($"tensor {Quote(slopes.Name)} has shape {slopes.ShapeText}; the slopes of layer {i} are " +
                $"[{layer.Units}]{(sharedSlope ? " or [1]" : "")}");
        }
    }

    /// <summary>Converts every tensor into a new canonical vector; call only after <see cref="CheckShapes"/>.</summary>
    public static float[] Fill(SafetensorsFile file, IReadOnlyList<LayerTensors> found, NetworkDescription expected)
    {
        var parameters = new float[expected.ParameterCount];
        var rest = parameters.AsSpan();
        for (int i = 0; i < found.Count; i++)
        {
            var layer = expected.Layers[i];
            rest = Convert(file, found[i].Weight, rest, layer.Units * layer.FanIn);
            rest = Convert(file, found[i].Bias, rest, layer.Units);
            if (found[i].Slopes is { } slopes)
            {
                if (slopes.ElementCount == 1 && layer.Units > 1)
                {
                    rest[..layer.Units].Fill(file.ToSingles(slopes)[0]);
                    rest = rest[layer.Units..];
                }
                else
                {
                    rest = Convert(file, slopes, rest, layer.Units);
                }
            }
        }

        return parameters;
    }

    private static Span<float> Convert(SafetensorsFile file, TensorEntry tensor, Span<float> destination, int count)
    {
        TensorConversion.ToSingles(file.GetBytes(tensor), tensor.DType, destination[..count]);
        return destination[count..];
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}

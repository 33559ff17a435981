namespace NetDsl.Serialization;

/// <summary>Refuses descriptions whose layers do not chain, before any file is touched: the shape checks of a load
/// and the tensor shapes of a save both rely on it.</summary>
internal static class NetworkDescriptionChecks
{
    public static void Validate(NetworkDescription description, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(description, parameterName);
        if (description.Layers is not { Count: > 0 } layers)
        {
            throw new ArgumentException($"Network '{description.Name}' has no layers.", parameterName);
        }

        if (description.InputSize <= 0)
        {
            throw new ArgumentException(
                $"Network '{description.Name}' has input size {description.InputSize}.", parameterName);
        }

        long parameters = 0;
        int previousUnits = description.InputSize;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i] ?? throw new ArgumentException($"Layer {i} is null.", parameterName);
            if (layer.Units <= 0 || layer.FanIn != previousUnits)
            {
                throw new ArgumentException($"Layer {i} of network '{description.Name}' has fan-in {layer.FanIn} and " +
                    $"{layer.Units} units after {previousUnits} outputs; layers must chain.", parameterName);
            }

            parameters += (long)layer.Units * layer.FanIn + layer.Units + (layer.HasSlopes ? layer.Units : 0);
            previousUnits = layer.Units;
        }

        if (parameters > Array.MaxLength)
        {
            throw new ArgumentException($"Network '{description.Name}' has {parameters} parameters, more than an " +
                "array holds.", parameterName);
        }
    }
}

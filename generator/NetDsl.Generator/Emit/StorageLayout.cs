using System.Collections.Generic;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Where each layer's parameters live: in the packed storage the kernels read (weight panels, padded biases, padded
/// slopes, every region a multiple of 16 floats so each starts on a 64-byte boundary) and in the canonical order of
/// ExportParameters (weights [units, fanIn], biases, slopes).
/// </summary>
internal sealed class StorageLayout
{
    private StorageLayout(List<LayerLayout> layers, long storageLength, long parameterCount, int maxStride)
    {
        Layers = layers;
        StorageLength = storageLength;
        ParameterCount = parameterCount;
        MaxStride = maxStride;
    }

    public IReadOnlyList<LayerLayout> Layers { get; }

    public long StorageLength { get; }

    public long ParameterCount { get; }

    /// <summary>The widest activation row, in floats.</summary>
    public int MaxStride { get; }

    public static StorageLayout Of(NetworkSpec spec)
    {
        var layers = new List<LayerLayout>();
        long packed = 0;
        long canonical = 0;
        int maxStride = 16;
        foreach (LayerSpec layer in spec.Layers)
        {
            long weights = packed;
            long bias = weights + (long)layer.PaddedUnits * layer.FanIn;
            long slopes = bias + layer.PaddedUnits;
            packed = slopes + (layer.HasSlopes ? layer.PaddedUnits : 0);

            long canonicalWeights = canonical;
            long canonicalBias = canonicalWeights + (long)layer.Units * layer.FanIn;
            long canonicalSlopes = canonicalBias + layer.Units;
            canonical = canonicalSlopes + (layer.HasSlopes ? layer.Units : 0);

            layers.Add(new LayerLayout(layer, weights, bias, slopes, canonicalWeights, canonicalBias, canonicalSlopes));
            maxStride = System.Math.Max(maxStride, layer.PaddedUnits);
        }

        return new StorageLayout(layers, packed, canonical, maxStride);
    }
}

/// <summary>One layer's offsets, in floats.</summary>
internal sealed record LayerLayout(
    LayerSpec Layer,
    long Weights,
    long Bias,
    long Slopes,
    long CanonicalWeights,
    long CanonicalBias,
    long CanonicalSlopes);

using System.Collections.Generic;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Which kernels a network needs. Layers that differ only in position (same widths, activation and activation
/// parameter) share one set, so 5,000 identical layers emit one kernel and the source grows by a few call lines per
/// layer; kernels take their weights by reference and hold no offsets.
/// </summary>
internal sealed class KernelPlan
{
    private readonly int[] _kernelOfLayer;

    private KernelPlan(List<(LayerSpec Shape, List<int> Users)> distinct, int[] kernelOfLayer)
    {
        Distinct = distinct;
        _kernelOfLayer = kernelOfLayer;
    }

    /// <summary>Each kernel shape with the layers that use it, in order of first use.</summary>
    public List<(LayerSpec Shape, List<int> Users)> Distinct { get; }

    public static KernelPlan Of(NetworkSpec spec)
    {
        var distinct = new List<(LayerSpec, List<int>)>();
        var byShape = new Dictionary<(int, int, ActKind, double), List<int>>();
        var kernelOfLayer = new int[spec.Layers.Count];
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            var shape = (layer.FanIn, layer.Units, layer.Activation, layer.Alpha);
            if (!byShape.TryGetValue(shape, out List<int>? users))
            {
                users = new List<int>();
                byShape.Add(shape, users);
                distinct.Add((layer, users));
            }

            users.Add(i);
            kernelOfLayer[i] = users[0];
        }

        return new KernelPlan(distinct, kernelOfLayer);
    }

    /// <summary>The forward kernel layer <paramref name="layer"/> calls.</summary>
    public string ForwardName(int layer) => ForwardKernels.KernelName(_kernelOfLayer[layer]);
}

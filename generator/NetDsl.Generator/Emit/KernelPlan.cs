using System.Collections.Generic;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Emit;

/// <summary>
/// Which kernels a network needs. Layers that differ only in position share one set: forward kernels are keyed by
/// widths, activation and activation parameter; weight-gradient kernels by widths; input-gradient kernels by widths
/// and the previous layer's activation. 5,000 identical layers therefore emit one set, and the source grows by a few
/// call lines per layer; kernels take their buffers by reference and hold no offsets.
/// </summary>
internal sealed class KernelPlan
{
    private readonly int[] _forward;
    private readonly int[] _weightGradient;
    private readonly int[] _inputGradient;
    private readonly Dictionary<int, List<int>> _forwardUsers = new();

    private KernelPlan(NetworkSpec spec)
    {
        int count = spec.Layers.Count;
        _forward = new int[count];
        _weightGradient = new int[count];
        _inputGradient = new int[count];
        // Slopes are keyed by their bits: 0.0 and -0.0 are equal numbers but give different results for negative x.
        var forward = new Dictionary<(int, int, ActKind, long), int>();
        var weightGradient = new Dictionary<(int, int), int>();
        var inputGradient = new Dictionary<(int, int, ActKind, long), int>();
        for (int i = 0; i < count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            _forward[i] = FirstUse(
                forward, (layer.FanIn, layer.Units, layer.Activation, Bits(layer.Alpha)), i, Forward);
            if (!_forwardUsers.TryGetValue(_forward[i], out List<int>? users))
            {
                users = new List<int>();
                _forwardUsers.Add(_forward[i], users);
            }

            users.Add(i);
            _weightGradient[i] = FirstUse(weightGradient, (layer.FanIn, layer.Units), i, WeightGradient);
            if (i > 0)
            {
                LayerSpec previous = spec.Layers[i - 1];
                _inputGradient[i] = FirstUse(
                    inputGradient,
                    (layer.FanIn, layer.Units, previous.Activation, Bits(previous.Alpha)),
                    i,
                    InputGradient);
            }
        }
    }

    /// <summary>First users of each forward kernel, in order.</summary>
    public List<int> Forward { get; } = new();

    /// <summary>First users of each weight-gradient kernel, in order.</summary>
    public List<int> WeightGradient { get; } = new();

    /// <summary>First users of each input-gradient kernel, in order (layers from 1 on).</summary>
    public List<int> InputGradient { get; } = new();

    public static KernelPlan Of(NetworkSpec spec) => new(spec);

    public string ForwardName(int layer) => ForwardKernels.KernelName(_forward[layer]);

    public string WeightGradientName(int layer) => BackwardKernels.WeightGradientName(_weightGradient[layer]);

    public string InputGradientName(int layer) => BackwardKernels.InputGradientName(_inputGradient[layer]);

    /// <summary>The layers sharing layer <paramref name="first"/>'s forward kernel.</summary>
    public List<int> ForwardUsers(int first) => _forwardUsers[first];

    private static long Bits(double value) => System.BitConverter.DoubleToInt64Bits(value);

    private static int FirstUse<TKey>(Dictionary<TKey, int> firsts, TKey key, int layer, List<int> order)
        where TKey : notnull
    {
        if (!firsts.TryGetValue(key, out int first))
        {
            first = layer;
            firsts.Add(key, first);
            order.Add(first);
        }

        return first;
    }
}

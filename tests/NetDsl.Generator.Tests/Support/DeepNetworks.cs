using System.Text;

namespace NetDsl.Generator.Tests.Support;

/// <summary>The deep networks that GrowthTests sizes and benchmarks/NetDsl.Generator.Benchmarks times (which links
/// this file), so that both speak of the same sources.</summary>
internal static class DeepNetworks
{
    /// <summary>Layers alternating between two widths and two activations, so that four kernel sets serve them all:
    /// the per-layer part of the output (offsets, packing, calls) dominates, as it does in any deep network.</summary>
    public static string Source(int layers)
    {
        var source = new StringBuilder("using NetDsl;\n[Input(32)]\n");
        for (int i = 0; i < layers; i++)
        {
            source.Append(i % 2 == 0 ? "[Dense(16, Act.ReLU)]\n" : "[Dense(24, Act.LeakyReLU)]\n");
        }

        return source.Append("[Dense(4, Act.Softmax)]\ninternal partial class Deep { }\n").ToString();
    }
}

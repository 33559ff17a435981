using NetDsl.Benchmarks.Peers;
using NetDsl.Training;

namespace NetDsl.Benchmarks;

/// <summary>A batch for a trainer and TorchSharp holding the same network with the same weights, checked to compute the
/// same first loss, so that both benchmarks of a pair measure the same work.</summary>
internal static class TrainingPeer
{
    public static (float[] Inputs, int[] Labels, TorchPeer Torch) Create(
        INetwork network, ITrainer trainer, int batch, float learningRate)
    {
        float[] inputs = BenchmarkData.Inputs(batch, network.InputSize);
        int[] labels = BenchmarkData.Labels(batch, network.OutputSize);
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        long[] torchLabels = labels.Select(label => (long)label).ToArray();
        var torch = new TorchPeer(network.Description, parameters, inputs, torchLabels, learningRate);

        float ours = trainer.ComputeGradients(inputs, labels);
        float theirs = torch.Step();
        if (MathF.Abs(ours - theirs) > 1e-4f * MathF.Max(1, ours))
        {
            torch.Dispose();
            throw new InvalidOperationException($"First losses differ: NetDsl {ours}, TorchSharp {theirs}.");
        }

        return (inputs, labels, torch);
    }
}

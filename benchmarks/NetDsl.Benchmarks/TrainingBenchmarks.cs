using BenchmarkDotNet.Attributes;
using NetDsl.Benchmarks.Peers;
using NetDsl.Training;

namespace NetDsl.Benchmarks;

/// <summary>
/// One Adam training step of the 784-128-10 network on softmax cross-entropy, a batch of 32 (the sample's default):
/// forward, loss, backward and update, in NetDsl's generated trainer and in TorchSharp on one thread. Both start
/// from the same weights; every call trains on, so both keep doing the full work of a real step.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Batch = 32;

    private readonly FashionNet _network = new();
    private FashionNet.Trainer? _trainer;
    private float[] _inputs = [];
    private int[] _labels = [];
    private TorchPeer? _torch;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = BenchmarkData.Inputs(Batch, FashionNet.InputSize);
        _labels = BenchmarkData.Labels(Batch, FashionNet.OutputSize);
        var parameters = new float[FashionNet.ParameterCount];
        _network.ExportParameters(parameters);
        _trainer = _network.CreateTrainer(new Adam(1e-3f), Batch);
        long[] torchLabels = _labels.Select(label => (long)label).ToArray();
        _torch = new TorchPeer(FashionNet.Description, parameters, _inputs, torchLabels, 1e-3f);

        // The same weights and batch give the same first loss: both compute the same function.
        float ours = _trainer.ComputeGradients(_inputs, _labels);
        float theirs = _torch.Step();
        if (MathF.Abs(ours - theirs) > 1e-4f * MathF.Max(1, ours))
        {
            throw new InvalidOperationException($"First losses differ: NetDsl {ours}, TorchSharp {theirs}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _torch?.Dispose();

    [Benchmark(Baseline = true)]
    public float NetDsl() => _trainer!.Step(_inputs, _labels);

    [Benchmark]
    public float TorchSharp() => _torch!.Step();
}

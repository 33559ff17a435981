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
        _trainer = _network.CreateTrainer(new Adam(1e-3f), Batch);
        (_inputs, _labels, _torch) = TrainingPeer.Create(_network, _trainer, Batch, 1e-3f);
    }

    [GlobalCleanup]
    public void Cleanup() => _torch?.Dispose();

    [Benchmark(Baseline = true)]
    public float NetDsl() => _trainer!.Step(_inputs, _labels);

    [Benchmark]
    public float TorchSharp() => _torch!.Step();
}

using BenchmarkDotNet.Attributes;
using NetDsl.Benchmarks.Peers;
using NetDsl.Training;

namespace NetDsl.Benchmarks;

/// <summary>
/// One Adam training step, batch 32, of a 784-128-128-10 network whose hidden layers use an activation that NetDsl
/// differentiates in double precision: the input gradient of the second hidden layer applies the first one's
/// derivative in its tiles' epilogue. TorchSharp runs the same network in the same run, so the ratio compares builds
/// of NetDsl measured at different times; Sigmoid, whose derivative comes from the output alone, is the control.
/// Setup checks that both compute the same first loss (<see cref="TrainingPeer"/>).
/// </summary>
[MemoryDiagnoser]
public class HiddenActivationTrainingBenchmarks
{
    private const int Batch = 32;

    private ITrainer? _trainer;
    private float[] _inputs = [];
    private int[] _labels = [];
    private TorchPeer? _torch;

    /// <summary>The hidden layers' activation.</summary>
    [Params("Sigmoid", "ELU", "GELU")]
    public string Hidden { get; set; } = "Sigmoid";

    [GlobalSetup]
    public void Setup()
    {
        (INetwork network, ITrainer trainer) = Hidden switch
        {
            "Sigmoid" => Pair(new DeepSigmoidNet(), n => n.CreateTrainer(new Adam(1e-3f), Batch)),
            "ELU" => Pair(new DeepEluNet(), n => n.CreateTrainer(new Adam(1e-3f), Batch)),
            "GELU" => Pair(new DeepGeluNet(), n => n.CreateTrainer(new Adam(1e-3f), Batch)),
            _ => throw new InvalidOperationException($"No network with {Hidden} hidden layers."),
        };
        _trainer = trainer;
        (_inputs, _labels, _torch) = TrainingPeer.Create(network, trainer, Batch, 1e-3f);
    }

    [GlobalCleanup]
    public void Cleanup() => _torch?.Dispose();

    [Benchmark(Baseline = true)]
    public float NetDsl() => _trainer!.Step(_inputs, _labels);

    [Benchmark]
    public float TorchSharp() => _torch!.Step();

    private static (INetwork, ITrainer) Pair<TNetwork>(TNetwork network, Func<TNetwork, ITrainer> create)
        where TNetwork : INetwork
        => (network, create(network));
}

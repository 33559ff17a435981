using BenchmarkDotNet.Attributes;
using NetDsl.Benchmarks.Peers;

namespace NetDsl.Benchmarks;

/// <summary>
/// The 784-128-10 forward pass with softmax, one sample and a batch of 256, in NetDsl (the generated kernels, the
/// widest flavor this machine accelerates), ONNX Runtime and TorchSharp, each on one thread and with the same weights.
/// Setup checks that all three compute the same outputs.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private readonly FashionNet _network = new();
    private float[] _inputs = [];
    private float[] _outputs = [];
    private float[] _onnxOutputs = [];
    private float[] _torchOutputs = [];
    private OnnxPeer? _onnx;
    private TorchPeer? _torch;

    /// <summary>Samples per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inputs = BenchmarkData.Inputs(Batch, FashionNet.InputSize);
        _outputs = new float[Batch * FashionNet.OutputSize];
        _onnxOutputs = new float[_outputs.Length];
        _torchOutputs = new float[_outputs.Length];
        var parameters = new float[FashionNet.ParameterCount];
        _network.ExportParameters(parameters);

        _onnx = new OnnxPeer(OnnxModel.Of(FashionNet.Description, parameters), _inputs, _onnxOutputs, Batch,
            FashionNet.InputSize, FashionNet.OutputSize);
        long[] labels = new long[Batch];
        _torch = new TorchPeer(FashionNet.Description, parameters, _inputs, labels, 1e-3f);

        NetDsl();
        OnnxRuntime();
        TorchSharp();
        BenchmarkData.RequireAgreement("ONNX Runtime", _outputs, _onnxOutputs);
        BenchmarkData.RequireAgreement("TorchSharp", _outputs, _torchOutputs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        _torch?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NetDsl() => _network.ForwardBatch(_inputs, _outputs);

    [Benchmark]
    public void OnnxRuntime() => _onnx!.Run();

    [Benchmark]
    public void TorchSharp() => _torch!.Forward(_torchOutputs);
}

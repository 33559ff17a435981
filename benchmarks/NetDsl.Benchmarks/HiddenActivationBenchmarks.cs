using BenchmarkDotNet.Attributes;
using NetDsl.Benchmarks.Peers;

namespace NetDsl.Benchmarks;

/// <summary>
/// The 784-128-10 forward pass with softmax, as <see cref="InferenceBenchmarks"/> measures it, but with a sigmoid or
/// tanh hidden layer: activations that NetDsl evaluates in double precision in the first layer's kernel epilogue.
/// ONNX Runtime runs the same graph (Gemm, Sigmoid or Tanh, Gemm, Softmax) on one thread in the same run, so the ratio
/// compares builds of NetDsl measured at different times. Setup checks that both compute the same outputs.
/// </summary>
[MemoryDiagnoser]
public class HiddenActivationBenchmarks
{
    private INetwork _network = new SigmoidFashionNet();
    private float[] _inputs = [];
    private float[] _outputs = [];
    private float[] _onnxOutputs = [];
    private OnnxPeer? _onnx;

    /// <summary>The hidden layer's activation.</summary>
    [Params("Sigmoid", "Tanh")]
    public string Hidden { get; set; } = "Sigmoid";

    /// <summary>Samples per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Hidden switch
        {
            "Sigmoid" => new SigmoidFashionNet(),
            "Tanh" => new TanhFashionNet(),
            _ => throw new InvalidOperationException($"No network with a {Hidden} hidden layer."),
        };
        _inputs = BenchmarkData.Inputs(Batch, _network.InputSize);
        _outputs = new float[Batch * _network.OutputSize];
        _onnxOutputs = new float[_outputs.Length];
        var parameters = new float[_network.ParameterCount];
        _network.ExportParameters(parameters);
        _onnx = new OnnxPeer(OnnxModel.Of(_network.Description, parameters), _inputs, _onnxOutputs, Batch,
            _network.InputSize, _network.OutputSize);

        NetDsl();
        OnnxRuntime();
        BenchmarkData.RequireAgreement("ONNX Runtime", _outputs, _onnxOutputs);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx?.Dispose();

    [Benchmark(Baseline = true)]
    public void NetDsl() => _network.ForwardBatch(_inputs, _outputs);

    [Benchmark]
    public void OnnxRuntime() => _onnx!.Run();
}

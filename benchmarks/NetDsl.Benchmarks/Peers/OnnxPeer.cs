using Microsoft.ML.OnnxRuntime;

namespace NetDsl.Benchmarks.Peers;

/// <summary>ONNX Runtime running the same network on one thread, with its inputs and outputs bound to preallocated
/// arrays so that a run copies nothing and allocates as little as the API allows.</summary>
internal sealed class OnnxPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly string[] _inputNames = ["input"];
    private readonly string[] _outputNames = ["output"];
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;

    public OnnxPeer(byte[] model, float[] inputs, float[] outputs, int rows, int inputSize, int outputSize)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        _input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, inputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(outputs, [rows, outputSize]);
        _inputValues = [_input];
        _outputValues = [_output];
    }

    /// <summary>Runs the bound inputs into the bound outputs.</summary>
    public void Run() => _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}

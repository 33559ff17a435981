using BenchmarkDotNet.Attributes;

namespace NetDsl.Benchmarks;

/// <summary>
/// The forward pass of a Softmax-output network as generated now (<c>Fused</c>, the baseline) against a frozen copy
/// of the code generated before Softmax moved into the tiles' epilogue (<c>StoredLogits</c>, in
/// <c>Baselines/</c>), in the same run and with the same weights. "FashionNet" is the 784-128-10 model, whose rows of
/// 10 logits fit in the tiles' registers at Vector512 and Vector256; "WideSoftmaxNet" (784-128-40) is the control,
/// whose rows do not fit at any width, so both builds take the same pass over L1. Setup checks that both compute the
/// same outputs, bit for bit.
/// </summary>
[MemoryDiagnoser]
public class SoftmaxFusionBenchmarks
{
    private Action _fused = () => { };
    private Action _storedLogits = () => { };

    /// <summary>The network.</summary>
    [Params("FashionNet", "WideSoftmaxNet")]
    public string Network { get; set; } = "FashionNet";

    /// <summary>Samples per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        float[] fusedOutputs, storedOutputs;
        if (Network == "FashionNet")
        {
            var fused = new FashionNet();
            var stored = new StoredLogitsFashionNet();
            (fusedOutputs, storedOutputs) = Prepare(
                FashionNet.InputSize, FashionNet.OutputSize, FashionNet.ParameterCount,
                fused.ExportParameters, stored.ImportParameters, fused.ForwardBatch, stored.ForwardBatch);
        }
        else if (Network == "WideSoftmaxNet")
        {
            var fused = new WideSoftmaxNet();
            var stored = new StoredLogitsWideSoftmaxNet();
            (fusedOutputs, storedOutputs) = Prepare(
                WideSoftmaxNet.InputSize, WideSoftmaxNet.OutputSize, WideSoftmaxNet.ParameterCount,
                fused.ExportParameters, stored.ImportParameters, fused.ForwardBatch, stored.ForwardBatch);
        }
        else
        {
            throw new InvalidOperationException($"No network called {Network}.");
        }

        Fused();
        StoredLogits();
        for (int i = 0; i < fusedOutputs.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(fusedOutputs[i]) != BitConverter.SingleToInt32Bits(storedOutputs[i]))
            {
                throw new InvalidOperationException(
                    $"The fused kernel disagrees with the stored-logits copy at output {i}: {fusedOutputs[i]} "
                    + $"against {storedOutputs[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void Fused() => _fused();

    [Benchmark]
    public void StoredLogits() => _storedLogits();

    private (float[] Fused, float[] Stored) Prepare(
        int inputSize, int outputSize, int parameterCount, SpanAction export, ReadOnlySpanAction import,
        ForwardBatch fused, ForwardBatch stored)
    {
        float[] inputs = BenchmarkData.Inputs(Batch, inputSize);
        float[] fusedOutputs = new float[Batch * outputSize], storedOutputs = new float[Batch * outputSize];
        float[] parameters = new float[parameterCount];
        export(parameters);
        import(parameters);
        _fused = () => fused(inputs, fusedOutputs);
        _storedLogits = () => stored(inputs, storedOutputs);
        return (fusedOutputs, storedOutputs);
    }

    private delegate void SpanAction(Span<float> destination);

    private delegate void ReadOnlySpanAction(ReadOnlySpan<float> source);

    private delegate void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
}

namespace NetDsl;

/// <summary>
/// What every generated network offers, for code that handles networks of several shapes (training loops, tools).
/// The generated class also has each size as a <c>const int</c>.
/// </summary>
/// <remarks>A network instance owns its work buffers: use one instance per thread.</remarks>
public interface INetwork
{
    /// <summary>The number of input features.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs.</summary>
    int OutputSize { get; }

    /// <summary>The number of learnable parameters: weights, biases and PReLU slopes.</summary>
    int ParameterCount { get; }

    /// <summary>The network's shape as data.</summary>
    NetworkDescription Description { get; }

    /// <summary>Redraws every parameter from <paramref name="seed"/>: bit-identical for the same seed on every machine
    /// and instruction set.</summary>
    void Initialize(ulong seed);

    /// <summary>Runs one sample: <paramref name="input"/> holds <see cref="InputSize"/> floats,
    /// <paramref name="output"/> receives <see cref="OutputSize"/>.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs one sample and returns the index of its largest output.</summary>
    int Predict(ReadOnlySpan<float> input);

    /// <summary>Runs a row-major batch of <c>inputs.Length / InputSize</c> samples.</summary>
    void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Copies every parameter out in the canonical order: for each layer its weights [units, fanIn]
    /// row-major (PyTorch nn.Linear's layout), its biases, then its PReLU slopes if any.</summary>
    void ExportParameters(Span<float> destination);

    /// <summary>Replaces every parameter, read in the order of <see cref="ExportParameters"/>.</summary>
    void ImportParameters(ReadOnlySpan<float> source);

    /// <summary>Creates a trainer that updates this network's parameters in place, for code that holds the network
    /// only as an <see cref="INetwork"/>, such as a grid family's variants. The generated class's own
    /// <c>CreateTrainer</c> does the same and returns its concrete trainer.</summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="maxBatchSize">The largest batch a step or an evaluation chunk holds.</param>
    Training.ITrainer CreateTrainer(Training.IOptimizer optimizer, int maxBatchSize = 256);
}

using System.Text;
using static NetDsl.Serialization.NetDslTensorNames;
using static NetDsl.Serialization.SafetensorsErrors;

namespace NetDsl.Serialization;

/// <summary>
/// Saves and loads a network's parameters as a safetensors file, the format PyTorch and Hugging Face use, in the
/// canonical order of <see cref="INetwork.ExportParameters"/>. A generated network's <c>SaveWeights(path)</c> is
/// <c>Save(path, Description, exported)</c> and its <c>LoadWeights(path)</c> is
/// <c>ImportParameters(Load(path, Description))</c>.
/// </summary>
/// <remarks>
/// <para>Layer i (0-based) is stored as "layers.{i}.weight" [units, fanIn] (row-major, PyTorch nn.Linear's layout),
/// "layers.{i}.bias" [units] and, for PReLU layers, "layers.{i}.slope" [units], all F32, in that order, so the data
/// section is exactly the canonical parameter vector. "__metadata__" records the network: see
/// <see cref="WeightsMetadata"/>.</para>
/// <para>Loading reads F32, F16, BF16 and F64 tensors and returns a new array only when everything fits, so a
/// failed load never leaves a network half changed. PyTorch state_dicts load with
/// <see cref="WeightsLoadOptions.PyTorch"/> (see <see cref="TensorNameMapping.ByLayerOrder"/>).</para>
/// </remarks>
public static class WeightsFile
{
    /// <summary>Saves atomically: writes a temporary file beside <paramref name="path"/>, flushes it to disk, then
    /// moves it over <paramref name="path"/>. On any failure the temporary file is deleted and a previous file at
    /// <paramref name="path"/> is left as it was.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="description">The network's shape.</param>
    /// <param name="parameters">Its <see cref="NetworkDescription.ParameterCount"/> parameters in canonical
    /// order.</param>
    /// <exception cref="ArgumentException">The description's layers do not chain, or <paramref name="parameters"/>
    /// has the wrong length; nothing is written.</exception>
    /// <exception cref="IOException">The file cannot be written, such as a <paramref name="path"/> that is a folder or
    /// a full disk; the message names <paramref name="path"/> and the reason, and the framework's exception is the
    /// inner one. A missing folder gives a <see cref="DirectoryNotFoundException"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">Writing there is not permitted.</exception>
    public static void Save(string path, NetworkDescription description, ReadOnlySpan<float> parameters)
        => Save(path, description, parameters, static file => file);

    /// <summary>Save to a path, with a way for tests to fail the write midway.</summary>
    internal static void Save(
        string path, NetworkDescription description, ReadOnlySpan<float> parameters, Func<Stream, Stream> wrapFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckArguments(description, parameters);

        // A lambda cannot hold a span; the copy costs little beside the write.
        float[] values = parameters.ToArray();
        Files.ReplaceAtomically(path, file => Save(file, description, values), wrapFile);
    }

    /// <summary>Writes the file to <paramref name="destination"/> and flushes it; the caller keeps ownership of the
    /// stream. Not atomic: a failure leaves a partial file in the stream.</summary>
    /// <inheritdoc cref="Save(string, NetworkDescription, ReadOnlySpan{float})"/>
    public static void Save(Stream destination, NetworkDescription description, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckArguments(description, parameters);
        var tensors = new List<TensorLayout>();
        for (int i = 0; i < description.Layers.Count; i++)
        {
            var layer = description.Layers[i];
            tensors.Add(new TensorLayout(Weight(i), [layer.Units, layer.FanIn]));
            tensors.Add(new TensorLayout(Bias(i), [layer.Units]));
            if (layer.HasSlopes)
            {
                tensors.Add(new TensorLayout(Slope(i), [layer.Units]));
            }
        }

        SafetensorsWriter.WriteSingles(destination, tensors, parameters, WeightsMetadata.For(description));
        destination.Flush();
    }

    /// <summary>Reads the file at <paramref name="path"/> and returns the parameters in canonical order.</summary>
    /// <inheritdoc cref="Load(Stream, NetworkDescription, WeightsLoadOptions?)"/>
    /// <exception cref="InvalidDataException">As for a stream, with <paramref name="path"/> and ": " before the
    /// message ("model.safetensors: Not a valid safetensors file: ..."); the stream's exception is the inner one.
    /// </exception>
    /// <exception cref="IOException">The file cannot be opened or read, or <paramref name="path"/> is a folder.
    /// </exception>
    public static float[] Load(string path, NetworkDescription expected, WeightsLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NetworkDescriptionChecks.Validate(expected, nameof(expected));
        using var stream = Files.OpenRead(path, FileOptions.SequentialScan);
        return NamingFile(path, () => Load(stream, expected, options));
    }

    /// <summary>Reads a weights file to its end and returns the parameters in canonical order, ready for
    /// <see cref="INetwork.ImportParameters"/>: a new array of <c>expected.ParameterCount</c> floats.</summary>
    /// <param name="source">Read from its current position to its end; need not be seekable.</param>
    /// <param name="expected">The model's shape, which the file's tensors must match.</param>
    /// <param name="options">Name mapping and checks; <see cref="WeightsLoadOptions.Default"/> when null.</param>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file ("Not a valid safetensors
    /// file: ..."), or is one but does not fit <paramref name="expected"/> ("The weights file does not fit the model:
    /// ...", such as "layer 2 has 64 units in the file, 128 in the model"); the message says what is wrong.</exception>
    public static float[] Load(Stream source, NetworkDescription expected, WeightsLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        NetworkDescriptionChecks.Validate(expected, nameof(expected));
        options ??= WeightsLoadOptions.Default;

        var file = SafetensorsReader.Read(source, LimitsFor(expected));
        WeightsMetadata.CheckVersion(file.Header.Metadata);
        var found = options.NameMapping switch
        {
            TensorNameMapping.NetDsl => NetDslTensorNames.Map(file.Header),
            TensorNameMapping.ByLayerOrder => LayerOrderTensorNames.Map(file.Header),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.NameMapping, "Unknown name mapping."),
        };

        bool sharedSlopeAllowed = options.NameMapping == TensorNameMapping.ByLayerOrder;
        WeightsAssembler.CheckShapes(found, expected, sharedSlopeAllowed);
        if (options.CheckActivations)
        {
            WeightsMetadata.CheckActivations(file.Header.Metadata, expected);
        }

        return WeightsAssembler.Fill(file, found, expected);
    }

    /// <summary>Reads what the file at <paramref name="path"/> holds, tensors (name, dtype, shape) and metadata,
    /// after checking its whole structure, without reading the tensor data.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message starts with
    /// <paramref name="path"/> and ": ".</exception>
    public static SafetensorsHeader Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = Files.OpenRead(path);
        return NamingFile(path, () => SafetensorsReader.ReadHeader(stream));
    }

    /// <summary>Runs <paramref name="read"/> with the file's path put before any problem it finds, as the IDX reader
    /// does: an app that prints the message then says which of its files is wrong. A stream has no name, so the
    /// stream overloads' messages open with the problem.</summary>
    private static T NamingFile<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>A network stores at most three tensors a layer, and a file with any tensor it does not store is
    /// refused; it reads a few metadata keys a layer. The slack lets such a file be refused by the name of its first
    /// stray tensor (a BatchNorm's statistics, say) and keeps other tools' metadata; past it, the count alone refuses
    /// the file before a hostile header of a million tiny entries is held in memory.</summary>
    private static HeaderLimits LimitsFor(NetworkDescription expected)
    {
        const int Slack = 1024;
        const int SlackBytes = 1 << 20;
        int stored = expected.Layers.Sum(layer => layer.HasSlopes ? 3 : 2);
        int tensors = stored + Slack;
        var written = WeightsMetadata.For(expected);
        int entries = written.Count + Slack;
        long writtenBytes = written.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Key + m.Value));
        long bytes = writtenBytes + SlackBytes;
        return new HeaderLimits(
            tensors,
            () => Mismatch($"the file holds more than {tensors} tensors, and the model stores {stored}"),
            entries,
            () => Mismatch($"the file's __metadata__ has more than {entries} entries, and NetDsl writes " +
                $"{written.Count} for the model"),
            bytes,
            () => Mismatch($"the file's __metadata__ holds more than {bytes} bytes of keys and values, and NetDsl " +
                $"writes {writtenBytes} for the model"));
    }

    private static void CheckArguments(NetworkDescription description, ReadOnlySpan<float> parameters)
    {
        NetworkDescriptionChecks.Validate(description, nameof(description));
        if (parameters.Length != description.ParameterCount)
        {
            throw new ArgumentException($"Network '{description.Name}' has {description.ParameterCount} parameters, " +
                $"but {parameters.Length} were given.", nameof(parameters));
        }
    }
}

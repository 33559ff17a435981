using System.Runtime.InteropServices;
using Google.Protobuf;

namespace NetDsl.Benchmarks.Peers;

/// <summary>
/// Writes an ONNX model of a NetDsl network with the same weights: per layer a Gemm (y = x·Wᵀ + b, so the weights go
/// in as ExportParameters gives them, [units, fanIn]) followed by the activation's operator, with a symbolic batch
/// dimension. Only the handful of onnx.proto messages this needs are written, field by field, with Google.Protobuf's
/// encoder; ONNX Runtime validates the result when it loads it.
/// </summary>
internal static class OnnxModel
{
    // onnx.proto's TensorProto.DataType.FLOAT and AttributeProto.AttributeType.INT.
    private const int FloatType = 1;
    private const int IntAttribute = 2;

    public static byte[] Of(NetworkDescription description, ReadOnlySpan<float> parameters)
    {
        var graph = new Message().String(2, "netdsl");
        string previous = "input";
        int offset = 0;
        for (int i = 0; i < description.Layers.Count; i++)
        {
            LayerDescription layer = description.Layers[i];
            int weightCount = layer.Units * layer.FanIn;
            graph.Nested(5, Tensor($"W{i}", [layer.Units, layer.FanIn], parameters.Slice(offset, weightCount)));
            graph.Nested(5, Tensor($"B{i}", [layer.Units], parameters.Slice(offset + weightCount, layer.Units)));
            offset += weightCount + layer.Units;

            var transposeB = new Message().String(1, "transB").Varint(3, 1).Varint(20, IntAttribute);
            graph.Nested(1, Node("Gemm", [previous, $"W{i}", $"B{i}"], $"Z{i}").Nested(5, transposeB));
            previous = $"Z{i}";
            if (OperatorOf(layer.Activation) is { } activation)
            {
                string output = i == description.Layers.Count - 1 ? "output" : $"A{i}";
                graph.Nested(1, Node(activation, [previous], output));
                previous = output;
            }
        }

        if (offset != parameters.Length)
        {
            throw new ArgumentException($"Expected {offset} parameters, got {parameters.Length}.", nameof(parameters));
        }

        graph.Nested(11, Value("input", description.InputSize));
        graph.Nested(12, Value(previous, description.OutputSize));

        var opset = new Message().String(1, "").Varint(2, 13);
        return new Message().Varint(1, 8).String(2, "NetDsl.Benchmarks").Nested(7, graph).Nested(8, opset).ToArray();
    }

    // Softmax from opset 13 normalizes over the last axis, the per-sample one.
    private static string? OperatorOf(Act activation) => activation switch
    {
        Act.Linear => null,
        Act.ReLU => "Relu",
        Act.Sigmoid => "Sigmoid",
        Act.Tanh => "Tanh",
        Act.Softmax => "Softmax",
        _ => throw new NotSupportedException($"{activation} has no ONNX operator in this benchmark."),
    };

    private static Message Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new Message();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }

        // raw_data is little-endian, as this machine's floats are.
        return tensor.Varint(2, FloatType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values));
    }

    private static Message Node(string op, string[] inputs, string output)
    {
        var node = new Message();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        return node.String(2, output).String(3, $"{op}_{output}").String(4, op);
    }

    // A float tensor of shape [batch, width], batch symbolic.
    private static Message Value(string name, int width)
    {
        var shape = new Message()
            .Nested(1, new Message().String(2, "batch"))
            .Nested(1, new Message().Varint(1, width));
        var tensorType = new Message().Varint(1, FloatType).Nested(2, shape);
        return new Message().String(1, name).Nested(2, new Message().Nested(1, tensorType));
    }

    /// <summary>One protobuf message being written; nested messages are written whole, then embedded.</summary>
    private sealed class Message
    {
        private readonly MemoryStream _buffer = new();
        private readonly CodedOutputStream _output;

        public Message() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

        public Message Varint(int field, long value)
        {
            _output.WriteTag(field, WireFormat.WireType.Varint);
            _output.WriteInt64(value);
            return this;
        }

        public Message String(int field, string value)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteString(value);
            return this;
        }

        public Message Bytes(int field, ReadOnlySpan<byte> value)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteBytes(ByteString.CopyFrom(value));
            return this;
        }

        public Message Nested(int field, Message message) => Bytes(field, message.ToArray());

        public byte[] ToArray()
        {
            _output.Flush();
            return _buffer.ToArray();
        }
    }
}

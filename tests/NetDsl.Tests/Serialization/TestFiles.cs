using System.Buffers.Binary;
using System.Text;

namespace NetDsl.Tests.Serialization;

/// <summary>Builds safetensors files byte by byte, independently of the writer under test, and the networks and
/// parameters the tests use.</summary>
public static class TestFiles
{
    public static readonly NetworkDescription Mnist =
        new("Tests.Mnist", 784, [new(784, 128, Act.ReLU), new(128, 10, Act.Softmax)]);

    public static readonly NetworkDescription Small =
        new("Tests.Small", 3, [new(3, 4, Act.PReLU), new(4, 2, Act.Softmax)]);

    public static NetworkDescription Chain(int inputSize, params (int Units, Act Activation)[] layers)
    {
        var described = new List<LayerDescription>();
        int fanIn = inputSize;
        foreach (var (units, activation) in layers)
        {
            described.Add(new LayerDescription(fanIn, units, activation));
            fanIn = units;
        }

        return new NetworkDescription("Tests.Chain", inputSize, described);
    }

    /// <summary>Distinct, exactly representable values, so an element in the wrong place is always noticed.</summary>
    public static float[] Parameters(int count, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.Next(-1 << 20, 1 << 20) / 65536.0)).ToArray();
    }

    /// <summary>The 8-byte little-endian length, <paramref name="header"/> as UTF-8 padded with spaces to a multiple
    /// of 8 (as the reference writer does), then <paramref name="data"/>.</summary>
    public static byte[] File(string header, ReadOnlySpan<byte> data, bool pad = true)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        int length = pad ? (json.Length + 7) / 8 * 8 : json.Length;
        var file = new byte[8 + length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)length);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, length - json.Length).Fill((byte)' ');
        data.CopyTo(file.AsSpan(8 + length));
        return file;
    }

    /// <summary>A declared header length followed by whatever bytes a hostile test wants.</summary>
    public static byte[] WithDeclaredLength(ulong declared, ReadOnlySpan<byte> rest)
    {
        var file = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declared);
        rest.CopyTo(file.AsSpan(8));
        return file;
    }

    public static byte[] Singles(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    public static byte[] Saved(NetworkDescription description, float[] parameters)
    {
        var stream = new MemoryStream();
        NetDsl.Serialization.WeightsFile.Save(stream, description, parameters);
        return stream.ToArray();
    }

    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>A network's parameters as bits, so that −0, NaN payloads and the like count as changes.</summary>
    public static int[] ParameterBits(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return Bits(parameters);
    }

    /// <summary>Error messages are one sentence: a final period, never doubled by a phrase that brought its own.
    /// </summary>
    public static void AssertOneFinalPeriod(string message)
    {
        Assert.EndsWith(".", message);
        Assert.False(message.EndsWith("..", StringComparison.Ordinal), message);
    }
}

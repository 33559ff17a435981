using System.Buffers.Binary;
using NetDsl.Serialization;

namespace NetDsl.Tests.Serialization;

/// <summary>F16, BF16 and F64 tensors become floats on load, checked on known bit patterns and, for the 16-bit
/// types, on every pattern against independent references.</summary>
public class DTypeConversionTests
{
    private static float[] Convert(string dtype, byte[] bytes, int count)
    {
        byte[] file = new ReferenceLikeFile().Add("t", dtype, [count], bytes).Build();
        var read = SafetensorsReader.Read(new MemoryStream(file));
        return read.ToSingles(read.Header.Tensors[0]);
    }

    private static byte[] Halves(params ushort[] bits)
    {
        var bytes = new byte[2 * bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), bits[i]);
        }

        return bytes;
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return bytes;
    }

    [Theory]
    [InlineData((ushort)0x3C00, 0x3F800000)] // 1
    [InlineData((ushort)0xC000, unchecked((int)0xC0000000))] // −2
    [InlineData((ushort)0x8000, unchecked((int)0x80000000))] // −0
    [InlineData((ushort)0x7BFF, 0x477FE000)] // 65504, the largest finite half
    [InlineData((ushort)0x0001, 0x33800000)] // 2^−24, the smallest subnormal half, a normal float
    [InlineData((ushort)0x03FF, 0x387FC000)] // the largest subnormal half, 1023 × 2^−24
    [InlineData((ushort)0x0400, 0x38800000)] // 2^−14, the smallest normal half
    [InlineData((ushort)0x7C00, 0x7F800000)] // +∞
    [InlineData((ushort)0xFC00, unchecked((int)0xFF800000))] // −∞
    public void F16_widens_exactly(ushort half, int expectedBits)
    {
        Assert.Equal(expectedBits, BitConverter.SingleToInt32Bits(Convert("F16", Halves(half), 1)[0]));
    }

    [Fact]
    public void F16_NaN_stays_NaN()
    {
        Assert.All(Convert("F16", Halves(0x7E00, 0xFE01, 0x7C01), 3), value => Assert.True(float.IsNaN(value)));
    }

    private static ushort[] EveryPattern => Enumerable.Range(0, 1 << 16).Select(i => (ushort)i).ToArray();

    /// <summary>An IEEE binary format with a sign bit, <paramref name="exponentBits"/> exponent bits and
    /// <paramref name="mantissaBits"/> mantissa bits, decoded by arithmetic rather than by reinterpreting bits.
    /// </summary>
    private static double Decode(int bits, int exponentBits, int mantissaBits)
    {
        int bias = (1 << (exponentBits - 1)) - 1;
        int exponent = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
        int mantissa = bits & ((1 << mantissaBits) - 1);
        double sign = (bits >> (exponentBits + mantissaBits)) != 0 ? -1 : 1;
        return exponent switch
        {
            0 => sign * System.Math.ScaleB(mantissa, 1 - bias - mantissaBits), // zero or subnormal
            _ when exponent == (1 << exponentBits) - 1 => mantissa == 0 ? sign * double.PositiveInfinity : double.NaN,
            _ => sign * System.Math.ScaleB((1 << mantissaBits) + mantissa, exponent - bias - mantissaBits),
        };
    }

    private static void AssertSameValue(double expected, float actual, int bits)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(float.IsNaN(actual), $"0x{bits:X4} gave {actual}");
        }
        else
        {
            // Every half and bfloat16 is a float exactly, so the double converts without rounding; the sign of
            // zero is compared through the bits.
            Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits(actual));
        }
    }

    [Fact]
    public void Every_F16_pattern_converts_as_System_Half_does_and_to_the_value_its_bits_encode()
    {
        ushort[] patterns = EveryPattern;
        float[] converted = Convert("F16", Halves(patterns), patterns.Length);

        for (int i = 0; i < patterns.Length; i++)
        {
            // System.Half, bit for bit: NaN payloads and signs as it keeps them.
            float reference = (float)BitConverter.UInt16BitsToHalf(patterns[i]);
            Assert.Equal(BitConverter.SingleToInt32Bits(reference), BitConverter.SingleToInt32Bits(converted[i]));
            AssertSameValue(Decode(patterns[i], exponentBits: 5, mantissaBits: 10), converted[i], patterns[i]);
        }

        // Half subnormals (below 2^−14, as normal floats), infinities and NaNs, of both signs.
        Assert.Equal(2 * 1023, converted.Count(v => v != 0 && System.Math.Abs(v) < System.Math.ScaleB(1.0, -14)));
        Assert.Equal(2, converted.Count(float.IsInfinity));
        Assert.Equal(2 * 1023, converted.Count(float.IsNaN));
    }

    [Fact]
    public void Every_BF16_pattern_converts_to_the_high_half_of_a_float_and_to_the_value_its_bits_encode()
    {
        ushort[] patterns = EveryPattern;
        float[] converted = Convert("BF16", Halves(patterns), patterns.Length);

        for (int i = 0; i < patterns.Length; i++)
        {
            // Shifting is exact for every pattern, NaN payloads included.
            Assert.Equal(patterns[i] << 16, BitConverter.SingleToInt32Bits(converted[i]));
            AssertSameValue(Decode(patterns[i], exponentBits: 8, mantissaBits: 7), converted[i], patterns[i]);
        }

        Assert.Equal(2 * 127, converted.Count(float.IsSubnormal));
        Assert.Equal(2, converted.Count(float.IsInfinity));
        Assert.Equal(2 * 127, converted.Count(float.IsNaN));
    }

    [Theory]
    [InlineData((ushort)0x3F80, 0x3F800000)] // 1
    [InlineData((ushort)0xC000, unchecked((int)0xC0000000))] // −2
    [InlineData((ushort)0x8000, unchecked((int)0x80000000))] // −0
    [InlineData((ushort)0x0001, 0x00010000)] // a float subnormal
    [InlineData((ushort)0x7F7F, 0x7F7F0000)] // the largest finite bfloat16
    [InlineData((ushort)0x7F80, 0x7F800000)] // +∞
    [InlineData((ushort)0xFF80, unchecked((int)0xFF800000))] // −∞
    [InlineData((ushort)0x7FC1, 0x7FC10000)] // a NaN, payload kept
    [InlineData((ushort)0xFF81, unchecked((int)0xFF810000))] // a signaling NaN, payload kept
    public void BF16_is_the_high_half_of_a_float(ushort bfloat, int expectedBits)
    {
        Assert.Equal(expectedBits, BitConverter.SingleToInt32Bits(Convert("BF16", Halves(bfloat), 1)[0]));
    }

    public static TheoryData<double, int> DoubleCases => new()
    {
        { 1.0, 0x3F800000 },
        { -0.0, unchecked((int)0x80000000) },
        { 0.1, BitConverter.SingleToInt32Bits(0.1f) },
        { 1.0 + System.Math.Pow(2, -24), 0x3F800000 }, // a tie rounds to even: down
        { 1.0 + 3 * System.Math.Pow(2, -24), 0x3F800002 }, // a tie rounds to even: up
        { 1.0 + System.Math.Pow(2, -24) + System.Math.Pow(2, -50), 0x3F800001 }, // above the tie: up
        { System.Math.Pow(2, -149), 0x00000001 }, // the smallest float subnormal
        { System.Math.Pow(2, -150), 0 }, // half of it, a tie: to zero (even)
        { 3 * System.Math.Pow(2, -151), 0x00000001 }, // above that tie
        { 1e-300, 0 }, // underflow
        { 1e300, 0x7F800000 }, // overflow: +∞
        { -1e300, unchecked((int)0xFF800000) },
        { double.PositiveInfinity, 0x7F800000 },
        { double.NegativeInfinity, unchecked((int)0xFF800000) },
        { -double.Epsilon, unchecked((int)0x80000000) }, // a double subnormal: to −0, the sign kept
        { float.MaxValue, 0x7F7FFFFF },
        { -(double)float.Epsilon, unchecked((int)0x80000001) }, // the smallest float subnormal, negative
    };

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void F64_rounds_to_the_nearest_float(double value, int expectedBits)
    {
        Assert.Equal(expectedBits, BitConverter.SingleToInt32Bits(Convert("F64", Doubles(value), 1)[0]));
    }

    [Fact]
    public void F64_NaN_stays_NaN()
    {
        Assert.True(float.IsNaN(Convert("F64", Doubles(double.NaN), 1)[0]));
    }

    [Fact]
    public void A_network_loads_from_F16_BF16_and_F64_tensors_mixed()
    {
        // Mixed dtypes, laid out as the reference orders them: F64 first, then BF16, then F16.
        var description = TestFiles.Chain(2, (1, Act.Linear));
        byte[] file = new ReferenceLikeFile()
            .Add("0.weight", "F64", [1, 2], Doubles(0.5, -1.5))
            .Add("0.bias", "BF16", [1], Halves(0x4040)) // 3
            .Build();
        byte[] netdslNames = new ReferenceLikeFile()
            .Add("layers.0.weight", "F16", [1, 2], Halves(0x3800, 0xBE00)) // 0.5, −1.5
            .Add("layers.0.bias", "BF16", [1], Halves(0x4040))
            .Build();

        Assert.Equal(
            [0.5f, -1.5f, 3f], WeightsFile.Load(new MemoryStream(file), description, WeightsLoadOptions.PyTorch));
        Assert.Equal([0.5f, -1.5f, 3f], WeightsFile.Load(new MemoryStream(netdslNames), description));
    }

    [Fact]
    public void Integer_tensors_are_refused_naming_the_dtype()
    {
        byte[] file = new ReferenceLikeFile()
            .Add("layers.0.weight", "I32", [1, 1], new byte[4])
            .Add("layers.0.bias", "F32", [1], new byte[4])
            .Build();

        var error = Assert.Throws<InvalidDataException>(
            () => WeightsFile.Load(new MemoryStream(file), TestFiles.Chain(1, (1, Act.Linear))));
        Assert.Contains("'layers.0.weight' holds I32 values", error.Message);
    }

    [Fact]
    public void Every_reference_dtype_is_read_and_validated_by_size()
    {
        string[] names = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
            "F64", "I64", "U64"];
        int[] sizes = [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 8, 8, 8];
        var builder = new ReferenceLikeFile();
        for (int i = 0; i < names.Length; i++)
        {
            builder.Add($"t{i}", names[i], [3], new byte[3 * sizes[i]]);
        }

        var header = SafetensorsReader.Read(new MemoryStream(builder.Build())).Header;

        Assert.Equal(names.Length, header.Tensors.Count);
        for (int i = 0; i < names.Length; i++)
        {
            var tensor = header.Find($"t{i}")!;
            Assert.Equal(names[i], TensorDTypes.FileName(tensor.DType));
            Assert.Equal(3L * sizes[i], tensor.ByteCount);
        }
    }
}

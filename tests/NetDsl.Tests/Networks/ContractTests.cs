using System.Security.Cryptography;
using NetDsl.Tests.Networks.Models;
using NetDsl.Tests.Support;

namespace NetDsl.Tests.Networks;

/// <summary>The generated class's public contract: sizes, argument checks, no allocation, parameter round trips and
/// deterministic initialization.</summary>
public class ContractTests
{
    [Fact]
    public void Sizes_are_constants_of_the_declared_shape()
    {
        Assert.Equal(784, FashionNet.InputSize);
        Assert.Equal(10, FashionNet.OutputSize);
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, FashionNet.ParameterCount);
        Assert.Equal(23 * 33 + 33 + 33 * 17 + 17 + 17 + 17 * 21 + 21 + 21 * 70 + 70, Arguments.ParameterCount);
        Assert.Equal("NetDsl.Tests.Networks.Models.FashionNet", FashionNet.Description.Name);
    }

    [Fact]
    public void A_description_prints_its_layers()
    {
        // It once printed "Layers = NetDsl.LayerDescription[]".
        Assert.Equal("NetworkDescription { Name = NetDsl.Tests.Networks.Models.FashionNet, InputSize = 784, "
            + "Layers = [784->128 ReLU, 128->10 Softmax] }", FashionNet.Description.ToString());

        var broken = new NetworkDescription("N", 3, [new(3, 4, Act.LeakyReLU, 0.2), new(5, 2, Act.Linear), null!]);
        Assert.Equal(
            "NetworkDescription { Name = N, InputSize = 3, Layers = [3->4 LeakyReLU(0.2), 5->2 Linear, null] }",
            broken.ToString());
        Assert.Equal("NetworkDescription { Name = N, InputSize = 3, Layers = [] }",
            new NetworkDescription("N", 3, []).ToString());
    }

    [Fact]
    public void Forward_and_ForwardBatch_allocate_nothing()
    {
        var network = new FashionNet();
        float[] input = new float[FashionNet.InputSize];
        float[] output = new float[FashionNet.OutputSize];
        float[] inputs = new float[100 * FashionNet.InputSize];
        float[] outputs = new float[100 * FashionNet.OutputSize];
        network.Forward(input, output);
        network.ForwardBatch(inputs, outputs);
        network.Predict(input);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            network.Forward(input, output);
            network.ForwardBatch(inputs, outputs);
            network.Predict(input);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Wrong_span_lengths_throw_and_name_the_expected_size()
    {
        var network = new FashionNet();
        var error = Assert.Throws<ArgumentException>(() => network.Forward(new float[783], new float[10]));
        Assert.Contains("784", error.Message);
        Assert.Equal("input", error.ParamName);

        error = Assert.Throws<ArgumentException>(() => network.Forward(new float[784], new float[11]));
        Assert.Contains("10", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[785], new float[10]));
        Assert.Contains("784", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[784 * 3], new float[29]));
        Assert.Contains("30", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.ExportParameters(new float[5]));
        Assert.Contains(FashionNet.ParameterCount.ToString(), error.Message);
    }

    [Fact]
    public void Overlapping_inputs_and_outputs_throw_and_adjacent_ones_compute_as_separate_buffers_do()
    {
        // Batches run 48 rows at a time and copy each chunk's outputs out before reading the next chunk's inputs, so
        // an output span laid over the inputs once gave wrong numbers past row 48 without a word.
        const int Rows = 100, In = FashionNet.InputSize, Out = FashionNet.OutputSize;
        var network = new FashionNet();
        float[] buffer = ForwardTests.RandomInputs(new Random(3), Rows * In + Rows * Out);
        float[] expected = new float[Rows * Out];
        network.ForwardBatch(buffer.AsSpan(0, Rows * In), expected);

        foreach (int outputStart in new[] { 0, 5, Rows * In - Out, Rows * In - 1 })
        {
            var error = Assert.Throws<ArgumentException>(() => network.ForwardBatch(
                buffer.AsSpan(0, Rows * In), buffer.AsSpan(outputStart, Rows * Out)));
            Assert.Equal("outputs", error.ParamName);
            Assert.Contains("overlaps 'inputs'", error.Message);
        }

        var single = Assert.Throws<ArgumentException>(
            () => network.Forward(buffer.AsSpan(Out, In), buffer.AsSpan(1, Out)));
        Assert.Equal("output", single.ParamName);

        network.ForwardBatch(buffer.AsSpan(0, Rows * In), buffer.AsSpan(Rows * In, Rows * Out));
        Assert.Equal(expected, buffer[(Rows * In)..]);
    }

    [Fact]
    public void A_failed_import_changes_nothing()
    {
        var network = new FashionNet();
        float[] before = Export(network);
        Assert.Throws<ArgumentException>(() => network.ImportParameters(new float[FashionNet.ParameterCount - 1]));
        Assert.Equal(before, Export(network));
    }

    [Fact]
    public void Import_then_export_round_trips_every_bit()
    {
        var network = new Arguments();
        float[] values = ForwardTests.RandomInputs(new Random(9), Arguments.ParameterCount);
        values[0] = -0f;
        values[1] = float.Epsilon;
        network.ImportParameters(values);
        Assert.Equal(
            values.Select(BitConverter.SingleToInt32Bits), Export(network).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Imported_parameters_are_read_in_the_canonical_order()
    {
        // One input of 1 and weights w[u, k] = u + k/10: output u is b[u] + w[u, 0] in canonical [units, fanIn] order.
        var network = new Width3();
        var values = new float[Width3.ParameterCount];
        for (int u = 0; u < 3; u++)
        {
            for (int k = 0; k < 3; k++)
            {
                values[u * 3 + k] = u + k / 10f;
            }

            values[9 + u] = 100 * u;
        }

        network.ImportParameters(values);
        var reference = new ReferenceNetwork(network);
        float[] input = [1f, 0f, 0f];
        var output = new float[Width3.OutputSize];
        network.Forward(input, output);
        (double[] expected, double[] bounds) = reference.Forward(input);
        for (int o = 0; o < output.Length; o++)
        {
            Assert.True(System.Math.Abs(output[o] - expected[o]) <= bounds[o]);
        }
    }

    [Fact]
    public void A_layout_mistake_is_caught_by_the_reference_bound()
    {
        // The forward tests mean something only if their bound is far tighter than a real mistake: here the weights of
        // one unit read one input off, as a packing or indexing bug would.
        var network = new FashionNet();
        float[] values = Export(network);
        var reference = new ReferenceNetwork(network);
        Array.Copy(values, 5 * 784 + 1, values, 5 * 784, 783);
        network.ImportParameters(values);
        float[] inputs = ForwardTests.RandomInputs(new Random(2), 64 * FashionNet.InputSize);
        var outputs = new float[64 * FashionNet.OutputSize];
        network.ForwardBatch(inputs, outputs);
        bool caught = false;
        for (int row = 0; row < 64 && !caught; row++)
        {
            (double[] expected, double[] bounds) = reference.Forward(inputs.AsSpan(row * 784, 784));
            for (int o = 0; o < 10; o++)
            {
                caught |= System.Math.Abs(outputs[row * 10 + o] - expected[o]) > bounds[o];
            }
        }

        Assert.True(caught);
    }

    [Fact]
    public void A_new_network_holds_the_weights_of_seed_zero()
    {
        var fresh = new FashionNet();
        var initialized = new FashionNet();
        initialized.Initialize(7);
        initialized.Initialize(0);
        Assert.Equal(Export(fresh), Export(initialized));
    }

    [Fact]
    public void Seeds_are_reproducible_and_distinct()
    {
        var first = new FashionNet();
        var second = new FashionNet();
        first.Initialize(42);
        second.Initialize(42);
        Assert.Equal(Export(first), Export(second));
        second.Initialize(43);
        Assert.NotEqual(Export(first), Export(second));
    }

    [Fact]
    public void Initial_weights_are_the_same_bits_on_every_machine_and_instruction_set()
    {
        // SHA-256 of the canonical parameters of FashionNet and Arguments after Initialize(42), as first computed on
        // an AVX2 x64 Linux machine. The draws use only integer arithmetic and IEEE basic operations, so any machine,
        // operating system and vector width must reproduce these bits; the suite checks it under every flavor.
        Assert.Equal("7EBC627528845E3CF573195029BE71C48F920F7D4888196F712958194EDE8BB2", Fingerprint(new FashionNet()));
        Assert.Equal("676684AFEA3C3026384B71978A93015C1095357B7894B1575D7606DAC187188F", Fingerprint(new Arguments()));
    }

    private static string Fingerprint(INetwork network)
    {
        network.Initialize(42);
        byte[] bytes = new byte[network.ParameterCount * sizeof(float)];
        Buffer.BlockCopy(Export(network), 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    internal static float[] Export(INetwork network)
    {
        var values = new float[network.ParameterCount];
        network.ExportParameters(values);
        return values;
    }
}

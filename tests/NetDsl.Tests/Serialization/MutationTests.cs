using System.Buffers.Binary;
using NetDsl.Serialization;
using NetDsl.Tests.Networks.Models;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Damaged copies of valid files, from a fixed seed: every load either succeeds or throws
/// <see cref="InvalidDataException"/>; any other exception (an out-of-range index, an overflow, out of memory) fails.
/// Each damaged file is loaded twice, from a seekable stream and into a generated network from a non-seekable one:
/// both must succeed with the same parameters or refuse with the same message, and a refusal leaves the network as
/// it was.
/// </summary>
public class MutationTests
{
    private const int IterationsPerFile = 5_000;

    /// <summary>Reads at the end a load may make: the reader stops at the first one, and a file's end is met at most
    /// by the header's read, then by the data's or the trailing-bytes check.</summary>
    private const int MaxReadsAtEnd = 2;

    /// <summary>The most a load of a <paramref name="fileLength"/>-byte file may allocate: the reader's first 64 KiB
    /// chunk, a margin for the header's strings and the exception, and a few copies of the file. Whatever length
    /// a damaged file claims, up to a 100 MB header or a 2 GiB data section, must not be allocated.</summary>
    private static long MaxAllocation(int fileLength) => (2 << 16) + 8L * fileLength;

    private static readonly float[] SmallValues = TestFiles.Parameters(TestFiles.Small.ParameterCount);

    /// <summary>A file, the network it loads into, and how.</summary>
    public sealed record Subject(byte[] File, Func<INetwork> CreateNetwork, WeightsLoadOptions Options);

    private static readonly Dictionary<string, Subject> Subjects = new()
    {
        // The 30-parameter model as NetDsl saves it: F32, PReLU slopes, activation metadata.
        ["NetDsl F32"] = new(TestFiles.Saved(TestFiles.Small, SmallValues), () => new SmallPReLU(),
            WeightsLoadOptions.Default),
        ["PyTorch F32"] = new(new ReferenceLikeFile()
            .AddSingles("0.weight", [4, 3], TestFiles.Parameters(12))
            .AddSingles("0.bias", [4], TestFiles.Parameters(4))
            .AddSingles("1.weight", [4], TestFiles.Parameters(4))
            .AddSingles("2.weight", [2, 4], TestFiles.Parameters(8))
            .AddSingles("2.bias", [2], TestFiles.Parameters(2))
            .Build(new Dictionary<string, string> { ["format"] = "pt" }),
            () => new SmallPReLU(), WeightsLoadOptions.PyTorch),
        ["F16"] = new(InDType("F16", 2, (bytes, value) => BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value)),
            () => new SmallPReLU(), WeightsLoadOptions.Default),
        ["BF16"] = new(InDType("BF16", 2, (bytes, value) => BinaryPrimitives.WriteUInt16LittleEndian(
            bytes, (ushort)(BitConverter.SingleToUInt32Bits(value) >> 16))),
            () => new SmallPReLU(), WeightsLoadOptions.Default),
        ["F64"] = new(InDType("F64", 8, (bytes, value) => BinaryPrimitives.WriteDoubleLittleEndian(bytes, value)),
            () => new SmallPReLU(), WeightsLoadOptions.Default),
        // Four layers: LeakyReLU and ELU with their alpha in the metadata, PReLU with its slope tensor, Softmax.
        ["PReLU model"] = new(TestFiles.Saved(Arguments.Description, TestFiles.Parameters(Arguments.ParameterCount)),
            () => new Arguments(), WeightsLoadOptions.Default),
    };

    /// <summary>The 30-parameter model's tensors in another dtype, with NetDsl's names and metadata, laid out in the
    /// reference's order rather than NetDsl's.</summary>
    private static byte[] InDType(string dtype, int size, Action<Span<byte>, float> write)
    {
        var builder = new ReferenceLikeFile();
        var rest = SmallValues.AsSpan();
        for (int i = 0; i < TestFiles.Small.Layers.Count; i++)
        {
            var layer = TestFiles.Small.Layers[i];
            Add($"layers.{i}.weight", [layer.Units, layer.FanIn], ref rest);
            Add($"layers.{i}.bias", [layer.Units], ref rest);
            if (layer.HasSlopes)
            {
                Add($"layers.{i}.slope", [layer.Units], ref rest);
            }
        }

        return builder.Build(WeightsMetadata.For(TestFiles.Small));

        void Add(string name, long[] shape, ref Span<float> values)
        {
            int count = (int)shape.Aggregate(1L, (a, b) => a * b);
            var bytes = new byte[size * count];
            for (int i = 0; i < count; i++)
            {
                write(bytes.AsSpan(size * i), values[i]);
            }

            builder.Add(name, dtype, shape, bytes);
            values = values[count..];
        }
    }

    public static TheoryData<string> SubjectNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string name in Subjects.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Fact]
    public void Every_subject_loads_undamaged()
    {
        foreach (var (name, subject) in Subjects)
        {
            var network = subject.CreateNetwork();
            network.LoadWeights(new MemoryStream(subject.File), subject.Options);
            Assert.True(TestFiles.ParameterBits(network).Any(bits => bits != 0), name);
        }
    }

    [Theory]
    [MemberData(nameof(SubjectNames))]
    public void Flipped_truncated_and_extended_files_load_or_throw_InvalidDataException(string name)
    {
        var subject = Subjects[name];
        var network = subject.CreateNetwork();
        var random = new Random(12345);
        int loaded = 0;
        int refused = 0;
        for (int iteration = 0; iteration < IterationsPerFile; iteration++)
        {
            byte[] mutated = Mutate(subject.File, random);
            int[] before = TestFiles.ParameterBits(network);
            var stream = new NonSeekableStream(mutated, 1 + iteration % 61, MaxReadsAtEnd);
            var parameters = new float[network.ParameterCount];
            var (seekable, seekableBytes) = Outcome(
                () => WeightsFile.Load(new MemoryStream(mutated), network.Description, subject.Options));
            var (streamed, streamedBytes) = Outcome(() =>
            {
                network.LoadWeights(stream, subject.Options);
                network.ExportParameters(parameters);
                return parameters;
            });

            string context = $"iteration {iteration}: {Convert.ToHexString(mutated)}";
            Assert.True(stream.ReadsAtEnd <= MaxReadsAtEnd, context);
            Assert.True(seekableBytes <= MaxAllocation(mutated.Length), $"{seekableBytes} bytes allocated; {context}");
            Assert.True(streamedBytes <= MaxAllocation(mutated.Length), $"{streamedBytes} bytes allocated; {context}");
            if (seekable.Error is { } error)
            {
                Assert.True(error is InvalidDataException, $"{error.GetType().Name}: {error.Message}\n{context}");
                Assert.True(streamed.Error is InvalidDataException { } other && other.Message == error.Message,
                    $"{error.Message}\n{streamed.Error?.GetType().Name}: {streamed.Error?.Message}\n{context}");
                Assert.True(error.Message.StartsWith("Not a valid safetensors file: ", StringComparison.Ordinal) ||
                    error.Message.StartsWith("The weights file does not fit the model: ", StringComparison.Ordinal),
                    error.Message);
                TestFiles.AssertOneFinalPeriod(error.Message);
                Assert.Equal(before, TestFiles.ParameterBits(network));
                refused++;
            }
            else
            {
                Assert.True(streamed.Error is null,
                    $"{streamed.Error?.GetType().Name}: {streamed.Error?.Message}\n{context}");
                Assert.Equal(TestFiles.Bits(seekable.Value!), TestFiles.Bits(streamed.Value!));
                loaded++;
            }
        }

        // Both outcomes occur, so the mutations neither always miss the header nor always break the file.
        Assert.True(loaded > IterationsPerFile / 20, $"{loaded} loaded");
        Assert.True(refused > IterationsPerFile / 4, $"{refused} refused");
    }

    /// <summary>What a load gave, and the bytes it allocated on this thread (a count, not a time: deterministic).
    /// </summary>
    private static ((float[]? Value, Exception? Error), long Allocated) Outcome(Func<float[]> load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        (float[]?, Exception?) outcome;
        try
        {
            outcome = (load(), null);
        }
        catch (Exception e)
        {
            outcome = (null, e);
        }

        return (outcome, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>One to three damages: flipped bytes anywhere, in the header or in the data, header bytes replaced
    /// by digits and JSON punctuation (so that some damaged headers still parse), a number of the header replaced by
    /// another (often a boundary value), a truncation, appended bytes, or a changed length prefix.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] file = (byte[])original.Clone();
        int headerEnd = 8 + (int)BitConverter.ToUInt64(original, 0);
        int damages = random.Next(1, 4);
        for (int d = 0; d < damages; d++)
        {
            switch (random.Next(8))
            {
                case 7:
                    file = ReplaceANumber(file, headerEnd, random);
                    break;
                case 0:
                    file[random.Next(file.Length)] ^= (byte)random.Next(1, 256);
                    break;
                case 1:
                    file[random.Next(System.Math.Min(headerEnd, file.Length))] ^= (byte)random.Next(1, 256);
                    break;
                case 2:
                    // Data bytes only: the file stays valid with other values.
                    if (headerEnd < file.Length)
                    {
                        file[random.Next(headerEnd, file.Length)] ^= (byte)random.Next(1, 256);
                    }

                    break;
                case 3:
                    int at = random.Next(8, System.Math.Max(9, System.Math.Min(headerEnd, file.Length)));
                    if (at < file.Length)
                    {
                        file[at] = (byte)"0123456789,[]{}\":- "[random.Next(19)];
                    }

                    break;
                case 4:
                    file = file[..random.Next(file.Length + 1)];
                    break;
                case 5:
                    var tail = new byte[random.Next(1, 17)];
                    random.NextBytes(tail);
                    file = [.. file, .. tail];
                    break;
                default:
                    file[random.Next(System.Math.Min(8, file.Length))] = (byte)random.Next(256);
                    break;
            }

            if (file.Length == 0)
            {
                break;
            }
        }

        return file;
    }

    private static readonly string[] Numbers =
        ["0", "1", "3", "4", "12", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "100000000000000000000", "-1", "1.0", "1e3"];

    /// <summary>Replaces one run of digits in the header and corrects the length prefix, so that the header still
    /// parses and the checks behind the parser are what is tested.</summary>
    private static byte[] ReplaceANumber(byte[] file, int headerEnd, Random random)
    {
        int end = System.Math.Min(headerEnd, file.Length);
        var runs = new List<(int Start, int Length)>();
        for (int i = 8; i < end; i++)
        {
            int start = i;
            while (i < end && char.IsAsciiDigit((char)file[i]))
            {
                i++;
            }

            if (i > start)
            {
                runs.Add((start, i - start));
            }
        }

        if (runs.Count == 0)
        {
            return file;
        }

        var (at, length) = runs[random.Next(runs.Count)];
        byte[] replacement = System.Text.Encoding.ASCII.GetBytes(Numbers[random.Next(Numbers.Length)]);
        byte[] mutated = [.. file[..at], .. replacement, .. file[(at + length)..]];
        if (file.Length >= 8)
        {
            ulong headerLength = BitConverter.ToUInt64(file, 0) + (ulong)(replacement.Length - length);
            BitConverter.TryWriteBytes(mutated.AsSpan(0, 8), headerLength);
        }

        return mutated;
    }
}

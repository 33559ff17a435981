using System.Diagnostics;
using NetDsl.Serialization;

namespace NetDsl.Tests.Serialization;

/// <summary>
/// Damaged copies of valid files, from a fixed seed: every load either succeeds or throws
/// <see cref="InvalidDataException"/>; any other exception (an out-of-range index, an overflow, out of memory) fails.
/// </summary>
public class MutationTests
{
    private const int Iterations = 20_000;

    private static readonly byte[] NetDslFile =
        TestFiles.Saved(TestFiles.Small, TestFiles.Parameters(TestFiles.Small.ParameterCount));

    private static readonly byte[] PyTorchFile = new ReferenceLikeFile()
        .AddSingles("0.weight", [4, 3], TestFiles.Parameters(12))
        .AddSingles("0.bias", [4], TestFiles.Parameters(4))
        .AddSingles("1.weight", [4], TestFiles.Parameters(4))
        .AddSingles("2.weight", [2, 4], TestFiles.Parameters(8))
        .AddSingles("2.bias", [2], TestFiles.Parameters(2))
        .Build(new Dictionary<string, string> { ["format"] = "pt" });

    [Fact]
    public void Flipped_truncated_and_extended_files_load_or_throw_InvalidDataException()
    {
        var random = new Random(12345);
        var outcomes = new Dictionary<string, int> { ["loaded"] = 0, ["refused"] = 0 };
        var clock = Stopwatch.StartNew();
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            bool pytorch = iteration % 2 == 1;
            byte[] mutated = Mutate(pytorch ? PyTorchFile : NetDslFile, random);
            Stream stream = iteration % 4 < 2 ? new MemoryStream(mutated) : new NonSeekableStream(mutated, 1 + iteration % 61);
            var options = pytorch ? WeightsLoadOptions.PyTorch : WeightsLoadOptions.Default;
            try
            {
                float[] loaded = WeightsFile.Load(stream, TestFiles.Small, options);
                Assert.Equal(TestFiles.Small.ParameterCount, loaded.Length);
                outcomes["loaded"]++;
            }
            catch (InvalidDataException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                outcomes["refused"]++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Iteration {iteration}: {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(mutated)}");
            }
        }

        // Both outcomes occur, so the mutations neither always miss the header nor always break the file.
        Assert.True(outcomes["loaded"] > Iterations / 20, $"{outcomes["loaded"]} loaded");
        Assert.True(outcomes["refused"] > Iterations / 4, $"{outcomes["refused"]} refused");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed} for {Iterations} loads");
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

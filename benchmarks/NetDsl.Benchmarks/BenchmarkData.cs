namespace NetDsl.Benchmarks;

/// <summary>Inputs for the benchmarks: pixel-like values in [0, 1) and class labels, the same for every peer.</summary>
internal static class BenchmarkData
{
    public static float[] Inputs(int rows, int inputSize)
    {
        var random = new Random(1234);
        var inputs = new float[rows * inputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle();
        }

        return inputs;
    }

    public static int[] Labels(int rows, int classes)
    {
        var random = new Random(5678);
        return Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
    }

    /// <summary>Throws unless two peers computed the same outputs: a benchmark of different work means nothing.
    /// The bound is loose on purpose: summation orders differ, and a wrong network is off by far more.</summary>
    public static void RequireAgreement(string peer, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        const float Tolerance = 1e-4f;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(MathF.Abs(expected[i] - actual[i]) <= Tolerance))
            {
                throw new InvalidOperationException(
                    $"{peer} disagrees with NetDsl at output {i}: {actual[i]} against {expected[i]}.");
            }
        }
    }
}

namespace NetDsl.Training;

/// <summary>The checks every optimizer makes before touching memory.</summary>
internal static class OptimizerArguments
{
    public static void Check(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, int slots, long step)
    {
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected {parameters.Length} gradients, got {gradients.Length}.", nameof(gradients));
        }

        if (state.Length < (long)slots * parameters.Length)
        {
            throw new ArgumentException($"Expected at least {(long)slots * parameters.Length} floats of state, got {state.Length}.", nameof(state));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
    }
}

namespace NetDsl.Initialization;

/// <summary>
/// A counter-based random generator: every draw is a pure function of (seed, stream, index, draw), built from the
/// SplitMix64 finalizer. Integer arithmetic only, so the same inputs give the same bits on every machine, and any
/// weight can be drawn without drawing the ones before it.
/// </summary>
public readonly struct CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private const ulong DrawStep = 0xD1B54A32D192ED03;

    private readonly ulong _key;

    /// <summary>A generator for one stream (for example one layer's weights) of one seed.</summary>
    public CounterRandom(ulong seed, ulong stream) => _key = Mix(Mix(seed) + (stream + 1) * Golden);

    /// <summary>64 random bits for element <paramref name="index"/>, draw number <paramref name="draw"/>.</summary>
    public ulong Bits(ulong index, ulong draw) => Mix(_key ^ Mix(index * Golden + draw * DrawStep));

    /// <summary>A uniform double in the open interval (0, 1), on a grid of 2^-53.</summary>
    public double OpenUnit(ulong index, ulong draw) => ((Bits(index, draw) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw by Marsaglia's polar method, which needs only a logarithm and a square root,
    /// both portable (see <see cref="PortableMath"/>). Uses draws 2k and 2k + 1 from <paramref name="firstDraw"/>
    /// until a point falls inside the unit disc, and returns the number of draws consumed.</summary>
    public double StandardNormal(ulong index, ulong firstDraw, out ulong drawsUsed)
    {
        for (ulong draw = firstDraw; ; draw += 2)
        {
            double u = 2 * OpenUnit(index, draw) - 1;
            double v = 2 * OpenUnit(index, draw + 1) - 1;
            double s = u * u + v * v;
            if (s < 1 && s > 0)
            {
                drawsUsed = draw + 2 - firstDraw;
                return u * System.Math.Sqrt(-2 * PortableMath.Log(s) / s);
            }
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

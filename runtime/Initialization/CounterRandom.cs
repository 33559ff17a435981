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

    /// <summary>No <see cref="StandardNormal"/> draw is larger in magnitude. The polar method returns
    /// u·√(−2 ln s / s) with |u| ≤ √s, so |z| ≤ √(−2 ln s), largest at the smallest s it accepts. Next to ½ the
    /// unit grid (see <see cref="OpenUnit"/>) gives u = −2^-53 (k = 2^52 − 1) and u = 0 (k = 2^52), so s ≥ 2^-106
    /// and |z| ≤ √(212 ln 2) = 12.12218, reached at u = −2^-53, v = 0. The generator refuses a Mean and Std that
    /// would put Mean ± this many Std beyond float's range (NDSL0012).</summary>
    public const double LargestStandardNormal = 12.125;

    private readonly ulong _key;

    /// <summary>A generator for one stream (for example one layer's weights) of one seed.</summary>
    public CounterRandom(ulong seed, ulong stream) => _key = Mix(Mix(seed) + (stream + 1) * Golden);

    /// <summary>64 random bits for element <paramref name="index"/>, draw number <paramref name="draw"/>.</summary>
    public ulong Bits(ulong index, ulong draw) => Mix(_key ^ Mix(index * Golden + draw * DrawStep));

    /// <summary>A uniform double in (0, 1], on a grid of 2^-53: (k + ½)·2^-53 for the top 53 bits k. From
    /// k = 2^52 on, k + ½ is not a double and rounds to an even integer, so the largest k gives exactly 1.</summary>
    public double OpenUnit(ulong index, ulong draw) => UnitFromBits(Bits(index, draw));

    /// <summary>A standard normal draw by Marsaglia's polar method, which needs only a logarithm and a square root,
    /// both portable (see <see cref="PortableMath"/>). Uses draws 2k and 2k + 1 from <paramref name="firstDraw"/>
    /// until a point falls inside the unit disc, and returns the number of draws consumed.</summary>
    public double StandardNormal(ulong index, ulong firstDraw, out ulong drawsUsed)
    {
        for (ulong draw = firstDraw; ; draw += 2)
        {
            if (Polar(OpenUnit(index, draw), OpenUnit(index, draw + 1)) is { } z)
            {
                drawsUsed = draw + 2 - firstDraw;
                return z;
            }
        }
    }

    /// <summary>The uniform double <see cref="OpenUnit"/> makes of 64 random bits.</summary>
    internal static double UnitFromBits(ulong bits) => ((bits >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>One step of the polar method on two uniform draws: a standard normal, or null when the point they
    /// make falls outside the unit disc (or on its centre) and two more draws are needed.</summary>
    internal static double? Polar(double firstUnit, double secondUnit)
    {
        double u = 2 * firstUnit - 1;
        double v = 2 * secondUnit - 1;
        double s = u * u + v * v;
        return s < 1 && s > 0 ? u * System.Math.Sqrt(-2 * PortableMath.Log(s) / s) : null;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

namespace NetDsl.Generator.Model;

/// <summary>What the generator and its analyzer know about each initializer and activation.</summary>
internal static class Traits
{
    public const int MaxDefinedInit = (int)InitKind.TorchDefault;

    public const int MaxDefinedAct = (int)ActKind.Softmax;

    public const int MaxDefinedLoss = (int)LossKind.MeanSquaredError;

    /// <summary>The activations whose gradient is a step, where He's variance argument holds.</summary>
    public static bool IsReluFamily(ActKind activation)
        => activation is ActKind.ReLU or ActKind.LeakyReLU or ActKind.PReLU;

    /// <summary>The runtime's <c>Initializers.TruncatedStdRatio</c>: truncated draws use σ = Std / this, cut at ±2σ.
    /// </summary>
    public const double TruncatedStdRatio = 0.87962566103423978;

    /// <summary>The runtime's <c>CounterRandom.LargestStandardNormal</c>: no standard normal draw is larger in
    /// magnitude. Marsaglia's polar method on the runtime's 2^-53 grid returns at most √(−2 ln s) with s ≥ 2^-106,
    /// 12.12218 (the runtime's remark derives it; 12.1, from s ≥ 2^-105, was short of it).</summary>
    public const double MaxStandardNormal = 12.125;

    /// <summary>True when every weight of the layer starts as the same float: the constant initializers, and
    /// parameters that collapse a distribution to one value (Orthogonal with Gain 0, a Normal or TruncatedNormal
    /// whose Std vanishes next to its Mean once rounded to float). The weights are drawn in double and rounded once,
    /// and rounding is monotonic: when both ends of the range round to one float, so does every draw. Weights that
    /// are all zero or subnormal (<see cref="DrawsOnlySubnormals"/>) count too: they are as good as zero.</summary>
    public static bool DrawsIdenticalWeights(LayerSpec layer) => layer.Init switch
    {
        InitKind.Zeros or InitKind.Ones or InitKind.Constant => true,

        // Orthogonal entries are at most 1 in magnitude, so a gain below float's smallest normal number gives
        // subnormal weights or zeros: a few distinct values at most, and a product with any input that is no signal.
        InitKind.Orthogonal => System.Math.Abs((float)layer.Gain) < SmallestNormalFloat,
        InitKind.Normal or InitKind.TruncatedNormal => RoundsToOneFloat(layer.Mean, Spread(layer))
            || DrawsOnlySubnormals(layer),
        _ => false,
    };

    /// <summary>True when the layer's random weights, not all one value, are all zero or subnormal floats (a Normal
    /// with Std = 1e-45, an Orthogonal with Gain = 1e-40): a handful of values near 0 whose products with any input
    /// carry no signal.</summary>
    public static bool DrawsOnlySubnormals(LayerSpec layer) => layer.Init switch
    {
        InitKind.Orthogonal => (float)layer.Gain != 0 && System.Math.Abs((float)layer.Gain) < SmallestNormalFloat,
        InitKind.Normal or InitKind.TruncatedNormal => !RoundsToOneFloat(layer.Mean, Spread(layer))
            && System.Math.Abs(layer.Mean) + Spread(layer) < SmallestNormalFloat,
        _ => false,
    };

    /// <summary>How far from the mean a Normal or TruncatedNormal layer draws.</summary>
    private static double Spread(LayerSpec layer) => layer.Init == InitKind.TruncatedNormal
        ? 2 * layer.Std / TruncatedStdRatio
        : MaxStandardNormal * layer.Std;

    private static bool RoundsToOneFloat(double mean, double spread)
        => (float)(mean - spread) == (float)(mean + spread);

    /// <summary>float's smallest normal number, 2^-126; netstandard2.0 has no float.MinNormal.</summary>
    private const double SmallestNormalFloat = 1.1754943508222875e-38;

    public static bool IsHe(InitKind init) => init is InitKind.HeNormal or InitKind.HeUniform;

    /// <summary>The activations with flat tails on both sides and no zeroed half, where He's factor of 2 only pushes
    /// pre-activations toward the tails.</summary>
    public static bool Saturates(ActKind activation)
        => activation is ActKind.Sigmoid or ActKind.Tanh or ActKind.Softsign or ActKind.HardSigmoid;

    public static bool IsGlorotOrLeCun(InitKind init)
        => init is InitKind.GlorotUniform or InitKind.GlorotNormal or InitKind.LeCunUniform or InitKind.LeCunNormal;

    /// <summary>The default of the named argument <c>Alpha</c>, or null when the activation has no parameter.
    /// </summary>
    public static double? DefaultAlpha(ActKind activation) => activation switch
    {
        ActKind.LeakyReLU => 0.01,
        ActKind.PReLU => 0.25,
        ActKind.ELU => 1.0,
        _ => null,
    };

    /// <summary>The runtime struct that evaluates the activation in double precision, or null for the ones the
    /// kernels compute exactly in float (Linear, ReLU, LeakyReLU, PReLU) and for Softmax.</summary>
    public static string? FunctionType(ActKind activation) => activation switch
    {
        ActKind.Sigmoid => "Sigmoid",
        ActKind.Tanh => "Tanh",
        ActKind.ELU => "Elu",
        ActKind.SELU => "Selu",
        ActKind.GELU => "Gelu",
        ActKind.GeluTanh => "GeluTanh",
        ActKind.SiLU => "Silu",
        ActKind.Softplus => "Softplus",
        ActKind.Softsign => "Softsign",
        ActKind.HardSigmoid => "HardSigmoid",
        ActKind.Mish => "Mish",
        _ => null,
    };

    /// <summary>The initializer that suits the activation, as the two-argument Dense constructor picks it.</summary>
    public static InitKind RecommendedInit(ActKind activation) => activation switch
    {
        ActKind.ReLU or ActKind.LeakyReLU or ActKind.PReLU or ActKind.ELU or ActKind.GELU or ActKind.GeluTanh
            or ActKind.SiLU or ActKind.Mish => InitKind.HeNormal,
        ActKind.SELU => InitKind.LeCunNormal,
        _ => InitKind.GlorotUniform,
    };
}

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

    /// <summary>Initializers that give every unit of a layer the same weights.</summary>
    public static bool IsConstant(InitKind init) => init is InitKind.Zeros or InitKind.Ones or InitKind.Constant;

    public static bool IsHe(InitKind init) => init is InitKind.HeNormal or InitKind.HeUniform;

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

namespace NetDsl.Generator.Model;

// Mirrors of the runtime's NetDsl.Init, NetDsl.Act and NetDsl.Loss: the generator cannot reference the runtime
// (netstandard2.0 versus net10.0), so the values are repeated here and a test checks that they match.

/// <summary>Mirror of <c>NetDsl.Init</c>.</summary>
internal enum InitKind
{
    Zeros = 0,
    Ones = 1,
    Constant = 2,
    Uniform = 3,
    Normal = 4,
    TruncatedNormal = 5,
    GlorotUniform = 6,
    GlorotNormal = 7,
    HeUniform = 8,
    HeNormal = 9,
    LeCunUniform = 10,
    LeCunNormal = 11,
    Orthogonal = 12,
    TorchDefault = 13,
}

/// <summary>Mirror of <c>NetDsl.Act</c>.</summary>
internal enum ActKind
{
    Linear = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
    PReLU = 5,
    ELU = 6,
    SELU = 7,
    GELU = 8,
    GeluTanh = 9,
    SiLU = 10,
    Softplus = 11,
    Softsign = 12,
    HardSigmoid = 13,
    Mish = 14,
    Softmax = 15,
}

/// <summary>Mirror of <c>NetDsl.Loss</c>.</summary>
internal enum LossKind
{
    Auto = 0,
    CrossEntropy = 1,
    BinaryCrossEntropy = 2,
    MeanSquaredError = 3,
}

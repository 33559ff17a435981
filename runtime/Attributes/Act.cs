namespace NetDsl;

/// <summary>
/// Activation functions. Every one is evaluated to within a float ulp or two of its exact value over the whole float
/// range, on every instruction set; NaN gives NaN, ±∞ gives the function's limit, finite input never gives NaN.
/// </summary>
public enum Act
{
    /// <summary>f(x) = x.</summary>
    Linear = 0,

    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    Sigmoid = 1,

    /// <summary>tanh(x).</summary>
    Tanh = 2,

    /// <summary>max(x, 0).</summary>
    ReLU = 3,

    /// <summary>x for x &gt; 0, else α·x; α is the named argument <c>Alpha</c>, 0.01 by default as in PyTorch.
    /// </summary>
    LeakyReLU = 4,

    /// <summary>LeakyReLU with one learnable slope per unit, starting at <c>Alpha</c> (0.25 by default, as
    /// PyTorch's nn.PReLU).</summary>
    PReLU = 5,

    /// <summary>x for x &gt; 0, else α(e^x − 1); α is <c>Alpha</c>, 1 by default.</summary>
    ELU = 6,

    /// <summary>λ·ELU with α = 1.6732632423543772848170429916717 and λ = 1.0507009873554804934193349852946
    /// (Klambauer et al., 2017); pair it with <see cref="Init.LeCunNormal"/>.</summary>
    SELU = 7,

    /// <summary>The exact GELU, x·Φ(x) with Φ the normal CDF (erf-based).</summary>
    GELU = 8,

    /// <summary>The tanh approximation of GELU, ½x(1 + tanh(√(2/π)(x + 0.044715x³))); never substituted for
    /// <see cref="GELU"/>.</summary>
    GeluTanh = 9,

    /// <summary>x·σ(x) (swish with β = 1).</summary>
    SiLU = 10,

    /// <summary>ln(1 + e^x).</summary>
    Softplus = 11,

    /// <summary>x / (1 + |x|).</summary>
    Softsign = 12,

    /// <summary>ReLU6(x + 3) / 6, as PyTorch and Keras 3.</summary>
    HardSigmoid = 13,

    /// <summary>x·tanh(softplus(x)).</summary>
    Mish = 14,

    /// <summary>e^xᵢ / Σⱼ e^xⱼ over the layer's outputs; last layer only.</summary>
    Softmax = 15,
}

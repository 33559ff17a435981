namespace NetDsl;

/// <summary>
/// Weight initializers, each with the formula of PyTorch or Keras. fan_in is the layer's input width and fan_out its
/// unit count. Normal flavours draw from an untruncated normal as PyTorch's <c>nn.init</c> does; the truncated
/// flavour cuts at ±2σ and divides σ by 0.87962566103423978 so the sample standard deviation is still σ. Biases
/// start at the named argument <c>Bias</c> (0 by default), whatever the initializer.
/// </summary>
public enum Init
{
    /// <summary>Every weight 0. On a hidden layer every unit then computes and learns the same thing.</summary>
    Zeros = 0,

    /// <summary>Every weight 1.</summary>
    Ones = 1,

    /// <summary>Every weight set to the named argument <c>Value</c>.</summary>
    Constant = 2,

    /// <summary>U(Min, Max), by default U(−0.05, 0.05) as Keras's RandomUniform.</summary>
    Uniform = 3,

    /// <summary>N(Mean, Std²), by default N(0, 0.05²) as Keras's RandomNormal.</summary>
    Normal = 4,

    /// <summary>N(Mean, Std²) cut at ±2 standard deviations, rescaled so the sample standard deviation is Std.
    /// </summary>
    TruncatedNormal = 5,

    /// <summary>Glorot and Bengio (2010): U(±√(6 / (fan_in + fan_out))). Keras's default, PyTorch's
    /// xavier_uniform_.</summary>
    GlorotUniform = 6,

    /// <summary>Glorot normal: N(0, 2 / (fan_in + fan_out)), PyTorch's xavier_normal_. (√(1/fan_in) is LeCun
    /// normal, not this.)</summary>
    GlorotNormal = 7,

    /// <summary>He et al. (2015), uniform: U(±√3·gain/√fan_in) with gain = √(2 / (1 + α²)), α being the layer's
    /// LeakyReLU or PReLU slope (0 otherwise): PyTorch's kaiming_uniform_(a=α, mode='fan_in').</summary>
    HeUniform = 8,

    /// <summary>He et al. (2015), normal: N(0, gain² / fan_in) with the gain of <see cref="HeUniform"/>: PyTorch's
    /// kaiming_normal_(a=α, mode='fan_in').</summary>
    HeNormal = 9,

    /// <summary>LeCun uniform: U(±√(3 / fan_in)).</summary>
    LeCunUniform = 10,

    /// <summary>LeCun normal: N(0, 1 / fan_in), the initializer SELU needs.</summary>
    LeCunNormal = 11,

    /// <summary>Saxe et al. (2014): a random orthogonal matrix (QR of a Gaussian matrix, signs fixed by R's
    /// diagonal) times <c>Gain</c>, as PyTorch's orthogonal_.</summary>
    Orthogonal = 12,

    /// <summary>What PyTorch's nn.Linear does to its weights: kaiming_uniform_ with a = √5, which is
    /// U(±1/√fan_in). Not He: its variance is a sixth of He uniform's. (nn.Linear also draws its bias from the same
    /// range; here the bias follows <c>Bias</c> like every initializer.)</summary>
    TorchDefault = 13,

    /// <summary>The name users know for <see cref="HeNormal"/>.</summary>
    He = HeNormal,

    /// <summary>The name users know for <see cref="GlorotUniform"/>.</summary>
    Xavier = GlorotUniform,
}

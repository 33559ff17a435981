// Test models: every width from 1 to 40 (as fan-in and as unit count), one model per activation, and the large
// shapes of the issue. The widths cross every vector width (4, 8, 16) and their remainders; the activations of the
// width models rotate so that each width meets several. Produced once by a short script, then kept as source.
// Pairings are chosen for coverage, not training.
#pragma warning disable NDSL1001, NDSL1002, NDSL1003, NDSL1004, NDSL1005

namespace NetDsl.Tests.Networks.Models;

[Input(1)] [Dense(1, Init.HeNormal, Act.Sigmoid)] [Dense(40, Init.GlorotUniform, Act.GELU)]
public partial class Width1 { }

[Input(2)] [Dense(2, Init.HeNormal, Act.Tanh)] [Dense(39, Init.GlorotUniform, Act.GeluTanh)]
public partial class Width2 { }

[Input(3)] [Dense(3, Init.HeNormal, Act.ReLU)] [Dense(38, Init.GlorotUniform, Act.Softmax)]
public partial class Width3 { }

[Input(4)] [Dense(4, Init.HeNormal, Act.LeakyReLU)] [Dense(37, Init.GlorotUniform, Act.Softplus)]
public partial class Width4 { }

[Input(5)] [Dense(5, Init.HeNormal, Act.PReLU)] [Dense(36, Init.GlorotUniform, Act.Softsign)]
public partial class Width5 { }

[Input(6)] [Dense(6, Init.HeNormal, Act.ELU)] [Dense(35, Init.GlorotUniform, Act.Softmax)]
public partial class Width6 { }

[Input(7)] [Dense(7, Init.HeNormal, Act.SELU)] [Dense(34, Init.GlorotUniform, Act.Mish)]
public partial class Width7 { }

[Input(8)] [Dense(8, Init.HeNormal, Act.GELU)] [Dense(33, Init.GlorotUniform, Act.Linear)]
public partial class Width8 { }

[Input(9)] [Dense(9, Init.HeNormal, Act.GeluTanh)] [Dense(32, Init.GlorotUniform, Act.Softmax)]
public partial class Width9 { }

[Input(10)] [Dense(10, Init.HeNormal, Act.SiLU)] [Dense(31, Init.GlorotUniform, Act.Tanh)]
public partial class Width10 { }

[Input(11)] [Dense(11, Init.HeNormal, Act.Softplus)] [Dense(30, Init.GlorotUniform, Act.ReLU)]
public partial class Width11 { }

[Input(12)] [Dense(12, Init.HeNormal, Act.Softsign)] [Dense(29, Init.GlorotUniform, Act.Softmax)]
public partial class Width12 { }

[Input(13)] [Dense(13, Init.HeNormal, Act.HardSigmoid)] [Dense(28, Init.GlorotUniform, Act.PReLU)]
public partial class Width13 { }

[Input(14)] [Dense(14, Init.HeNormal, Act.Mish)] [Dense(27, Init.GlorotUniform, Act.ELU)]
public partial class Width14 { }

[Input(15)] [Dense(15, Init.HeNormal, Act.Linear)] [Dense(26, Init.GlorotUniform, Act.Softmax)]
public partial class Width15 { }

[Input(16)] [Dense(16, Init.HeNormal, Act.Sigmoid)] [Dense(25, Init.GlorotUniform, Act.GELU)]
public partial class Width16 { }

[Input(17)] [Dense(17, Init.HeNormal, Act.Tanh)] [Dense(24, Init.GlorotUniform, Act.GeluTanh)]
public partial class Width17 { }

[Input(18)] [Dense(18, Init.HeNormal, Act.ReLU)] [Dense(23, Init.GlorotUniform, Act.Softmax)]
public partial class Width18 { }

[Input(19)] [Dense(19, Init.HeNormal, Act.LeakyReLU)] [Dense(22, Init.GlorotUniform, Act.Softplus)]
public partial class Width19 { }

[Input(20)] [Dense(20, Init.HeNormal, Act.PReLU)] [Dense(21, Init.GlorotUniform, Act.Softsign)]
public partial class Width20 { }

[Input(21)] [Dense(21, Init.HeNormal, Act.ELU)] [Dense(20, Init.GlorotUniform, Act.Softmax)]
public partial class Width21 { }

[Input(22)] [Dense(22, Init.HeNormal, Act.SELU)] [Dense(19, Init.GlorotUniform, Act.Mish)]
public partial class Width22 { }

[Input(23)] [Dense(23, Init.HeNormal, Act.GELU)] [Dense(18, Init.GlorotUniform, Act.Linear)]
public partial class Width23 { }

[Input(24)] [Dense(24, Init.HeNormal, Act.GeluTanh)] [Dense(17, Init.GlorotUniform, Act.Softmax)]
public partial class Width24 { }

[Input(25)] [Dense(25, Init.HeNormal, Act.SiLU)] [Dense(16, Init.GlorotUniform, Act.Tanh)]
public partial class Width25 { }

[Input(26)] [Dense(26, Init.HeNormal, Act.Softplus)] [Dense(15, Init.GlorotUniform, Act.ReLU)]
public partial class Width26 { }

[Input(27)] [Dense(27, Init.HeNormal, Act.Softsign)] [Dense(14, Init.GlorotUniform, Act.Softmax)]
public partial class Width27 { }

[Input(28)] [Dense(28, Init.HeNormal, Act.HardSigmoid)] [Dense(13, Init.GlorotUniform, Act.PReLU)]
public partial class Width28 { }

[Input(29)] [Dense(29, Init.HeNormal, Act.Mish)] [Dense(12, Init.GlorotUniform, Act.ELU)]
public partial class Width29 { }

[Input(30)] [Dense(30, Init.HeNormal, Act.Linear)] [Dense(11, Init.GlorotUniform, Act.Softmax)]
public partial class Width30 { }

[Input(31)] [Dense(31, Init.HeNormal, Act.Sigmoid)] [Dense(10, Init.GlorotUniform, Act.GELU)]
public partial class Width31 { }

[Input(32)] [Dense(32, Init.HeNormal, Act.Tanh)] [Dense(9, Init.GlorotUniform, Act.GeluTanh)]
public partial class Width32 { }

[Input(33)] [Dense(33, Init.HeNormal, Act.ReLU)] [Dense(8, Init.GlorotUniform, Act.Softmax)]
public partial class Width33 { }

[Input(34)] [Dense(34, Init.HeNormal, Act.LeakyReLU)] [Dense(7, Init.GlorotUniform, Act.Softplus)]
public partial class Width34 { }

[Input(35)] [Dense(35, Init.HeNormal, Act.PReLU)] [Dense(6, Init.GlorotUniform, Act.Softsign)]
public partial class Width35 { }

[Input(36)] [Dense(36, Init.HeNormal, Act.ELU)] [Dense(5, Init.GlorotUniform, Act.Softmax)]
public partial class Width36 { }

[Input(37)] [Dense(37, Init.HeNormal, Act.SELU)] [Dense(4, Init.GlorotUniform, Act.Mish)]
public partial class Width37 { }

[Input(38)] [Dense(38, Init.HeNormal, Act.GELU)] [Dense(3, Init.GlorotUniform, Act.Linear)]
public partial class Width38 { }

[Input(39)] [Dense(39, Init.HeNormal, Act.GeluTanh)] [Dense(2, Init.GlorotUniform, Act.Softmax)]
public partial class Width39 { }

[Input(40)] [Dense(40, Init.HeNormal, Act.SiLU)] [Dense(1, Init.GlorotUniform, Act.Tanh)]
public partial class Width40 { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Linear)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryLinear { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Sigmoid)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EverySigmoid { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Tanh)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryTanh { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.ReLU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryReLU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.LeakyReLU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryLeakyReLU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.PReLU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryPReLU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.ELU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryELU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.SELU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EverySELU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.GELU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryGELU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.GeluTanh)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryGeluTanh { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.SiLU)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EverySiLU { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Softplus)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EverySoftplus { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Softsign)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EverySoftsign { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.HardSigmoid)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryHardSigmoid { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Mish)] [Dense(19, Init.GlorotUniform, Act.Linear)]
public partial class EveryMish { }

[Input(37)] [Dense(29, Init.GlorotNormal, Act.Tanh)] [Dense(19, Init.GlorotUniform, Act.Softmax)]
public partial class EverySoftmax { }

[Input(784)]
[Dense(128, Init.He, Act.ReLU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class FashionNet { }

[Input(1000)]
[Dense(1000, Init.HeNormal, Act.ReLU)]
public partial class Wide1000 { }

// Named arguments reach the kernels: non-default slopes, ELU's α, a bias, a wide softmax (more than two vectors).
[Input(23)]
[Dense(33, Init.HeUniform, Act.LeakyReLU, Alpha = 0.2)]
[Dense(17, Init.HeNormal, Act.PReLU, Alpha = 0.1)]
[Dense(21, Init.GlorotUniform, Act.ELU, Alpha = 0.5, Bias = 0.1)]
[Dense(70, Init.Orthogonal, Act.Softmax)]
public partial class Arguments { }

// Softmax layers whose logits the tests set through the biases (weights zero): two outputs fit every flavor's fused
// register path, three and forty take the in-place path in some flavors (scalar; Vector128, Vector256, Vector512).
[Input(1)] [Dense(2, Init.Zeros, Act.Softmax)]
public partial class Softmax2 { }

[Input(1)] [Dense(3, Init.Zeros, Act.Softmax)]
public partial class Softmax3 { }

[Input(1)] [Dense(40, Init.Zeros, Act.Softmax)]
public partial class Softmax40 { }

// Initial biases and PReLU slopes, default and named.
[Input(5)]
[Dense(6, Init.HeNormal, Act.PReLU)]
[Dense(7, Init.HeNormal, Act.PReLU, Alpha = 0.1, Bias = -0.25)]
[Dense(3, Init.GlorotUniform, Act.Tanh, Bias = 0.5)]
public partial class StartingValues { }

// The weights-file tests' 30-parameter shape (TestFiles.Small), so that hostile and damaged files meet a real network.
[Input(3)]
[Dense(4, Init.HeNormal, Act.PReLU)]
[Dense(2, Init.GlorotUniform, Act.Softmax)]
public partial class SmallPReLU { }

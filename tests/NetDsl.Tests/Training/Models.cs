// Models for the gradient checks: every activation as a hidden layer (its derivative runs in the fused input-gradient
// kernel) and as the output of a mean-squared-error network (the output-slope kernel), and each loss. Their widths,
// down to WideNet, and LargeNet's are no multiple of any vector width (4, 8 or 16 floats), so every kernel meets a
// partial vector; the models from Logits2 on serve other tests, and their widths follow those. Produced once by a short
// script, then kept as source.
#pragma warning disable NDSL1001, NDSL1002, NDSL1003, NDSL1004, NDSL1005, NDSL1007 // Chosen for coverage, not training.

namespace NetDsl.Tests.Training.Models;

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Linear)] [Dense(9, Init.GlorotUniform, Act.Linear)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenLinear { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class OutputLinear { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Sigmoid)] [Dense(9, Init.GlorotUniform, Act.Sigmoid)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenSigmoid { }

[Loss(Loss.MeanSquaredError)] [Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)]
[Dense(5, Init.GlorotUniform, Act.Sigmoid)]
public partial class OutputSigmoid { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Tanh)] [Dense(9, Init.GlorotUniform, Act.Tanh)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenTanh { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.Tanh)]
public partial class OutputTanh { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.ReLU)] [Dense(9, Init.GlorotUniform, Act.ReLU)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenReLU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.ReLU)]
public partial class OutputReLU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.2)]
[Dense(9, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.2)] [Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenLeakyReLU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.2)]
public partial class OutputLeakyReLU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.PReLU)] [Dense(9, Init.GlorotUniform, Act.PReLU)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenPReLU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.PReLU)]
public partial class OutputPReLU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.ELU, Alpha = 0.2)] [Dense(9, Init.GlorotUniform, Act.ELU, Alpha = 0.2)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenELU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.ELU, Alpha = 0.2)]
public partial class OutputELU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.SELU)] [Dense(9, Init.GlorotUniform, Act.SELU)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenSELU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.SELU)]
public partial class OutputSELU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.GELU)] [Dense(9, Init.GlorotUniform, Act.GELU)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenGELU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.GELU)]
public partial class OutputGELU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.GeluTanh)] [Dense(9, Init.GlorotUniform, Act.GeluTanh)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenGeluTanh { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.GeluTanh)]
public partial class OutputGeluTanh { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.SiLU)] [Dense(9, Init.GlorotUniform, Act.SiLU)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenSiLU { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.SiLU)]
public partial class OutputSiLU { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Softplus)] [Dense(9, Init.GlorotUniform, Act.Softplus)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenSoftplus { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.Softplus)]
public partial class OutputSoftplus { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Softsign)] [Dense(9, Init.GlorotUniform, Act.Softsign)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenSoftsign { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.Softsign)]
public partial class OutputSoftsign { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.HardSigmoid)] [Dense(9, Init.GlorotUniform, Act.HardSigmoid)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenHardSigmoid { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.HardSigmoid)]
public partial class OutputHardSigmoid { }

[Input(7)] [Dense(13, Init.GlorotUniform, Act.Mish)] [Dense(9, Init.GlorotUniform, Act.Mish)]
[Dense(5, Init.GlorotUniform, Act.Linear)]
public partial class HiddenMish { }

[Input(6)] [Dense(11, Init.GlorotUniform, Act.Tanh)] [Dense(5, Init.GlorotUniform, Act.Mish)]
public partial class OutputMish { }

[Input(7)] [Dense(19, Init.HeNormal, Act.ReLU)] [Dense(5, Init.GlorotUniform, Act.Softmax)]
public partial class CrossEntropyNet { }

[Input(7)] [Dense(19, Init.GlorotUniform, Act.Tanh)] [Dense(3, Init.GlorotUniform, Act.Sigmoid)]
public partial class BinaryCrossEntropyNet { }

[Loss(Loss.MeanSquaredError)] [Input(7)] [Dense(19, Init.GlorotUniform, Act.Tanh)]
[Dense(5, Init.GlorotUniform, Act.Softmax)]
public partial class SquaredErrorSoftmaxNet { }

[Input(33)] [Dense(35, Init.HeNormal, Act.ELU)] [Dense(21, Init.HeNormal, Act.PReLU)]
[Dense(17, Init.GlorotUniform, Act.Softmax)]
public partial class WideNet { }

// Logits equal to the input: W = I and b = 0 are imported by the loss tests.
[Input(2)] [Dense(2, Init.Zeros, Act.Softmax)]
public partial class Logits2 { }

[Input(1)] [Dense(1, Init.Zeros, Act.Sigmoid)]
public partial class Logit1 { }

[Input(2)] [Dense(8, Init.GlorotUniform, Act.Tanh)] [Dense(1, Init.GlorotUniform, Act.Sigmoid)]
public partial class Xor { }

[Input(2)] [Dense(48, Init.HeNormal, Act.ReLU)] [Dense(48, Init.HeNormal, Act.ReLU)]
[Dense(2, Init.GlorotUniform, Act.Softmax)]
public partial class Spirals { }

// One input and six units whose pre-activations the kink tests set exactly, by imported weights, on and around each
// kink: as a hidden layer (the fused input-gradient kernel) and as the output of a mean-squared-error network (the
// output-slope kernel).
[Input(1)] [Dense(6, Init.GlorotUniform, Act.ReLU)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.ReLU)]
public partial class KinkOutputReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.2)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenLeakyReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.LeakyReLU, Alpha = 0.2)]
public partial class KinkOutputLeakyReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.PReLU)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenPReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.PReLU)]
public partial class KinkOutputPReLU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.ELU, Alpha = 0.2)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenELU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.ELU, Alpha = 0.2)]
public partial class KinkOutputELU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.SELU)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenSELU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.SELU)]
public partial class KinkOutputSELU { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.HardSigmoid)] [Dense(1, Init.GlorotUniform, Act.Linear)]
public partial class KinkHiddenHardSigmoid { }

[Input(1)] [Dense(6, Init.GlorotUniform, Act.HardSigmoid)]
public partial class KinkOutputHardSigmoid { }

// 17 and 6 units: every layer's storage is padded to whole 16-float blocks, and the padding tests write into it.
[Input(5)] [Dense(17, Init.GlorotUniform, Act.Tanh)] [Dense(6, Init.GlorotUniform, Act.Linear)]
public partial class PaddedNet { }

// Widths that are multiples of 16: no padding at all, the other branch of the trainer's padding code.
[Input(5)] [Dense(16, Init.GlorotUniform, Act.Tanh)] [Dense(32, Init.GlorotUniform, Act.Linear)]
public partial class UnpaddedNet { }

// Wider than every vector width several times over and a batch past 32, for the gradient checks.
[Input(70)] [Dense(130, Init.HeNormal, Act.PReLU)] [Dense(67, Init.GlorotUniform, Act.Tanh)]
[Dense(11, Init.GlorotUniform, Act.Softmax)]
public partial class LargeNet { }

// 100,000 inputs and a two-unit output: a trainer's work rows are short, so it takes batches whose features alone
// pass int.MaxValue floats, which the training loop must not try to hold in one array.
[Input(100_000)] [Dense(2, Init.GlorotUniform, Act.Softmax)]
public partial class WideInputNet { }

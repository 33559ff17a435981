namespace NetDsl.Benchmarks;

/// <summary>The repository's main model, 784-128-10, as the sample trains it on Fashion-MNIST.</summary>
[Input(784)]
[Dense(128, Init.He, Act.ReLU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class FashionNet { }

/// <summary>The main model's shape with a sigmoid hidden layer: an activation evaluated in double precision, as
/// <see cref="HiddenActivationBenchmarks"/> measures it.</summary>
[Input(784)]
[Dense(128, Init.Xavier, Act.Sigmoid)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class SigmoidFashionNet { }

/// <summary>The same with a tanh hidden layer.</summary>
[Input(784)]
[Dense(128, Init.Xavier, Act.Tanh)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class TanhFashionNet { }

/// <summary>The main model's shape with 40 softmax outputs: a row of 5 Vector256 or 3 Vector512 vectors, too wide
/// for a tile's registers, so its kernel normalizes the stored logits in a pass over L1. The control of
/// <see cref="SoftmaxFusionBenchmarks"/>.</summary>
[Input(784)]
[Dense(128, Init.He, Act.ReLU)]
[Dense(40, Init.Xavier, Act.Softmax)]
public partial class WideSoftmaxNet { }

/// <summary>Two hidden layers of 128 with a sigmoid: the input gradient of the second applies the first's derivative,
/// a cheap one, in its epilogue. The control of <see cref="HiddenActivationTrainingBenchmarks"/>.</summary>
[Input(784)]
[Dense(128, Init.Xavier, Act.Sigmoid)]
[Dense(128, Init.Xavier, Act.Sigmoid)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class DeepSigmoidNet { }

/// <summary>The same with ELU, whose derivative needs an exp.</summary>
[Input(784)]
[Dense(128, Init.He, Act.ELU)]
[Dense(128, Init.He, Act.ELU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class DeepEluNet { }

/// <summary>The same with the exact GELU, whose derivative needs an erfc and an exp.</summary>
[Input(784)]
[Dense(128, Init.He, Act.GELU)]
[Dense(128, Init.He, Act.GELU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class DeepGeluNet { }

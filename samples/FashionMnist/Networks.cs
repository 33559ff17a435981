// The two declarations this app trains. The generator turns each into SIMD inference and training code at build time.
using NetDsl;

namespace FashionMnistSample;

/// <summary>The main job's network: the TensorFlow tutorial's 784-128-10 classifier.</summary>
[Input(784)]
[Dense(128, Init.He, Act.ReLU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class FashionNet { }

/// <summary>
/// The lab's family: a deeper 784-256-128-64-10 network, one variant per initializer × activation (30 in all). The
/// three hidden layers vary; Std = 0.01 makes the Normal variants the plain small normal the lab compares against.
/// </summary>
[Input(784)]
[Dense(256, Std = 0.01)]
[Dense(128, Std = 0.01)]
[Dense(64, Std = 0.01)]
[Dense(10, Init.GlorotUniform, Act.Softmax)]
[Grid(new[] { Init.Zeros, Init.Normal, Init.GlorotUniform, Init.HeNormal, Init.LeCunNormal },
      new[] { Act.Sigmoid, Act.Tanh, Act.ReLU, Act.LeakyReLU, Act.ELU, Act.SELU })]
public static partial class Lab { }

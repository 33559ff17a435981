namespace NetDsl.Benchmarks;

/// <summary>The repository's main model, 784-128-10, as the sample trains it on Fashion-MNIST.</summary>
[Input(784)]
[Dense(128, Init.He, Act.ReLU)]
[Dense(10, Init.Xavier, Act.Softmax)]
public partial class FashionNet { }

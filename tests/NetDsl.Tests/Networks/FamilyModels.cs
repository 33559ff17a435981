// A [Grid] family: the layers written as [Dense(units)] take each variant's initializer and activation.
namespace NetDsl.Tests.Networks.Models;

[Input(12)]
[Dense(9, Std = 0.01)]
[Dense(7, Alpha = 0.3)]
[Dense(3, Init.GlorotUniform, Act.Softmax)]
[Grid(new[] { Init.Zeros, Init.Normal, Init.HeNormal }, new[] { Act.Tanh, Act.LeakyReLU, Act.PReLU })]
public static partial class SmallFamily { }

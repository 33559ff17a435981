namespace NetDsl.Initialization;

/// <summary>The named arguments of a layer that shape its initializer, with the defaults of
/// <see cref="DenseAttribute"/>.</summary>
/// <param name="Value">The weight of <see cref="Init.Constant"/>.</param>
/// <param name="Min">The lower bound of <see cref="Init.Uniform"/>.</param>
/// <param name="Max">The upper bound of <see cref="Init.Uniform"/>.</param>
/// <param name="Mean">The mean of <see cref="Init.Normal"/> and <see cref="Init.TruncatedNormal"/>.</param>
/// <param name="Std">Their standard deviation.</param>
/// <param name="Gain">The scale of <see cref="Init.Orthogonal"/>.</param>
/// <param name="Slope">The negative slope of the layer's LeakyReLU or PReLU, which the He initializers account for;
/// 0 for every other activation.</param>
public sealed record InitParameters(
    double Value = 0, double Min = -0.05, double Max = 0.05, double Mean = 0, double Std = 0.05, double Gain = 1,
    double Slope = 0);

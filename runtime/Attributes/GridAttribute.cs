namespace NetDsl;

/// <summary>
/// Turns a declaration into a family of networks, one per initializer × activation: every layer written as
/// <c>[Dense(units)]</c> takes the variant's initializer and activation, the other layers stay as written. Each variant
/// is a nested class named after its pair (for example <c>HeNormalReLU</c>), compiled like any network, and the
/// family gets a static <c>Variants</c> list to run them all.
/// </summary>
/// <remarks>
/// A family compares initializers and activations on purpose, bad pairs included, so the pairing warnings
/// (NDSL1001–NDSL1005) are not reported for its variants. The family type itself may be static; it holds no network.
/// Named arguments of a varying layer apply where they mean something: <c>[Dense(256, Std = 0.01)]</c> sets the Std of
/// the Normal variants.
/// </remarks>
/// <example>
/// <code>
/// [Input(784)]
/// [Dense(256)] [Dense(128)] [Dense(64)]
/// [Dense(10, Init.GlorotUniform, Act.Softmax)]
/// [Grid(new[] { Init.Zeros, Init.GlorotUniform, Init.HeNormal }, new[] { Act.Sigmoid, Act.Tanh, Act.ReLU })]
/// public static partial class Lab { }
/// </code>
/// </example>
/// <param name="inits">The initializers to try, each at most once.</param>
/// <param name="activations">The activations to try, each at most once (not Softmax).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GridAttribute(Init[] inits, Act[] activations) : Attribute
{
    /// <summary>The initializers to try.</summary>
    public IReadOnlyList<Init> Inits { get; } = inits ?? throw new ArgumentNullException(nameof(inits));

    /// <summary>The activations to try.</summary>
    public IReadOnlyList<Act> Activations { get; } =
        activations ?? throw new ArgumentNullException(nameof(activations));
}

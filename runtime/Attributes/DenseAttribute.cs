namespace NetDsl;

/// <summary>
/// A fully connected layer: y = f(W·x + b), with W of shape [units, fan_in] drawn by <see cref="Init"/> and f the
/// activation <see cref="Act"/>. Layers apply in the order the attributes are written, after
/// <see cref="InputAttribute"/>.
/// </summary>
/// <remarks>
/// Named arguments refine the initializer and the activation. Each is checked at compile time: a NaN or infinite value,
/// a non-positive standard deviation, an empty range, or a distribution whose draws reach beyond float's range is an
/// error, and an argument the layer does not use is a warning.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>A layer with an explicit initializer.</summary>
    /// <param name="units">The number of outputs; at least 1.</param>
    /// <param name="init">How the weights are drawn.</param>
    /// <param name="activation">The activation applied to W·x + b.</param>
    public DenseAttribute(int units, Init init, Act activation)
    {
        Units = units;
        Init = init;
        Activation = activation;
    }

    /// <summary>A layer whose initializer is the one that suits its activation: <see cref="Init.HeNormal"/> for
    /// the ReLU family, ELU, GELU, GeluTanh, SiLU and Mish; <see cref="Init.LeCunNormal"/> for SELU;
    /// <see cref="Init.GlorotUniform"/> for the others.</summary>
    /// <param name="units">The number of outputs; at least 1.</param>
    /// <param name="activation">The activation applied to W·x + b.</param>
    public DenseAttribute(int units, Act activation)
    {
        Units = units;
        Activation = activation;
        Init = activation switch
        {
            Act.ReLU or Act.LeakyReLU or Act.PReLU or Act.ELU or Act.GELU or Act.GeluTanh or Act.SiLU or Act.Mish
                => Init.HeNormal,
            Act.SELU => Init.LeCunNormal,
            _ => Init.GlorotUniform,
        };
    }

    /// <summary>A layer of a <see cref="GridAttribute"/> family, whose initializer and activation each variant sets.
    /// Outside a family it is a compile-time error (NDSL0016).</summary>
    /// <param name="units">The number of outputs; at least 1.</param>
    public DenseAttribute(int units)
    {
        Units = units;
    }

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>How the weights are drawn.</summary>
    public Init Init { get; }

    /// <summary>The activation.</summary>
    public Act Activation { get; }

    /// <summary>The activation's parameter: the negative slope of <see cref="Act.LeakyReLU"/> (default 0.01), the
    /// initial slope of <see cref="Act.PReLU"/> (default 0.25), the α of <see cref="Act.ELU"/> (default 1).</summary>
    public double Alpha { get; set; } = double.NaN;

    /// <summary>The weight value of <see cref="Init.Constant"/> (default 0).</summary>
    public double Value { get; set; }

    /// <summary>The lower bound of <see cref="Init.Uniform"/> (default −0.05, as Keras).</summary>
    public double Min { get; set; } = -0.05;

    /// <summary>The upper bound of <see cref="Init.Uniform"/> (default 0.05, as Keras).</summary>
    public double Max { get; set; } = 0.05;

    /// <summary>The mean of <see cref="Init.Normal"/> and <see cref="Init.TruncatedNormal"/> (default 0).</summary>
    public double Mean { get; set; }

    /// <summary>The standard deviation of <see cref="Init.Normal"/> and <see cref="Init.TruncatedNormal"/> (default
    /// 0.05, as Keras).</summary>
    public double Std { get; set; } = 0.05;

    /// <summary>The scale of <see cref="Init.Orthogonal"/> (default 1).</summary>
    public double Gain { get; set; } = 1;

    /// <summary>The value every bias starts at (default 0).</summary>
    public double Bias { get; set; }
}

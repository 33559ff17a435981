using System;

namespace NetDsl.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, as plain values. The generator caches on this record: equal
/// specs produce identical source, and it holds no symbol, syntax node or compilation.
/// </summary>
/// <param name="Namespace">The containing namespace as C# writes it (keywords escaped: <c>@event.Models</c>), or null
/// for the global namespace.</param>
/// <param name="Containers">The containing types, outermost first.</param>
/// <param name="Name">The network type's name as C# writes it (a keyword escaped: <c>@class</c>).</param>
/// <param name="Keyword">How it is declared: <c>class</c> (a family may be a record, a network not: NDSL0011).
/// </param>
/// <param name="InputSize">The width of the input.</param>
/// <param name="Layers">The layers in application order.</param>
/// <param name="Loss">The training loss, resolved from the last activation when not named.</param>
/// <param name="Variant">The variant's pair when this network belongs to a [Grid] family (the generator then declares
/// the class itself); null for a user's own declaration.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainerSpec> Containers,
    string Name,
    string Keyword,
    int InputSize,
    EquatableArray<LayerSpec> Layers,
    LossKind Loss,
    VariantSpec? Variant = null)
{
    /// <summary>The name the generated file gets: the full name with containers separated by '+', unique per type.
    /// Without the '@' of escaped keywords, which a hint name cannot hold (<c>@class</c> and <c>class</c> are one
    /// name).</summary>
    public string HintName
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                builder.Append(Namespace).Append('.');
            }

            foreach (ContainerSpec container in Containers)
            {
                builder.Append(container.Name).Append('+');
            }

            return builder.Append(Name).Append(".g.cs").Replace("@", string.Empty).ToString();
        }
    }

    /// <summary>The full name as C# writes it, for messages and documentation.</summary>
    public string DisplayName
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                builder.Append(Namespace).Append('.');
            }

            foreach (ContainerSpec container in Containers)
            {
                builder.Append(container.Name).Append('.');
            }

            return builder.Append(Name).ToString();
        }
    }

    /// <summary>The full name from the global namespace, for the generated code's references to the network: inside
    /// it, the simple name would find first a type of that name that a base class declares (<c>B.Net</c>).</summary>
    public string QualifiedName => "global::" + DisplayName;

    public int OutputSize => Layers[Layers.Count - 1].Units;
}

/// <summary>A family of networks declared with [Grid]: the type that holds them and every variant.</summary>
/// <param name="Namespace">The family type's namespace, or null.</param>
/// <param name="Containers">The family type's containing types, outermost first.</param>
/// <param name="Name">The family type's name.</param>
/// <param name="Keyword">How it is declared: <c>class</c> or <c>record</c>.</param>
/// <param name="Variants">One network per initializer × activation, in the order of the grid's arrays.</param>
internal sealed record FamilySpec(
    string? Namespace,
    EquatableArray<ContainerSpec> Containers,
    string Name,
    string Keyword,
    EquatableArray<NetworkSpec> Variants)
{
    /// <summary>The family's generated file name, unique per type like a network's.</summary>
    public string HintName => AsType.HintName;

    /// <summary>The family type's full name as C# writes it.</summary>
    public string DisplayName => AsType.DisplayName;

    // The family type with no layers, for the names a network derives from its place.
    private NetworkSpec AsType
        => new(Namespace, Containers, Name, Keyword, 0, EquatableArray<LayerSpec>.Empty, LossKind.Auto);
}

/// <summary>The pair a family variant was made from.</summary>
internal sealed record VariantSpec(InitKind Init, ActKind Activation, string Family);

/// <summary>A type that contains the network, re-declared with its own keyword.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">Its name as C# writes it (a keyword escaped with '@').</param>
internal sealed record ContainerSpec(string Keyword, string Name);

/// <summary>One Dense layer with every named argument resolved to its value.</summary>
internal sealed record LayerSpec(
    int FanIn,
    int Units,
    InitKind Init,
    ActKind Activation,
    double Alpha,
    double Value,
    double Min,
    double Max,
    double Mean,
    double Std,
    double Gain,
    double Bias)
{
    /// <summary>Units rounded up to 16 floats: the row stride of this layer's activations and the padded size of
    /// its bias, valid for every vector width. Only meaningful for a layer that fits the storage limit (a unit
    /// count within 15 of int.MaxValue has no int padding; <see cref="StorageLength"/> is exact for any).</summary>
    public int PaddedUnits => (int)Pad(Units);

    /// <summary>Fan-in rounded up to 16: the row stride of the weights as the backward kernels read them.</summary>
    public int PaddedFanIn => (int)Pad(FanIn);

    public bool HasSlopes => Activation == ActKind.PReLU;

    /// <summary>The number of learnable parameters: weights, biases and PReLU slopes.</summary>
    public long ParameterCount => (long)Units * FanIn + Units + (HasSlopes ? Units : 0);

    /// <summary>The floats the packed layer occupies: weight panels, padded biases, padded slopes. Computed in long
    /// throughout, so that the parser's size check sees the true size of any layer the attributes can describe.
    /// </summary>
    public long StorageLength => Pad(Units) * FanIn + Pad(Units) + (HasSlopes ? Pad(Units) : 0);

    /// <summary>Equal when every field is, the doubles compared by their bits: 0.0 and -0.0 are equal numbers but
    /// different literals in the generated code, and a model that compared equal after such an edit would leave the
    /// old source in place.</summary>
    public bool Equals(LayerSpec? other)
        => other is not null
            && FanIn == other.FanIn && Units == other.Units && Init == other.Init && Activation == other.Activation
            && Same(Alpha, other.Alpha) && Same(Value, other.Value) && Same(Min, other.Min) && Same(Max, other.Max)
            && Same(Mean, other.Mean) && Same(Std, other.Std) && Same(Gain, other.Gain) && Same(Bias, other.Bias);

    public override int GetHashCode()
    {
        int hash = unchecked((((FanIn * 31) + Units) * 31 + (int)Init) * 31 + (int)Activation);
        foreach (double value in new[] { Alpha, Value, Min, Max, Mean, Std, Gain, Bias })
        {
            hash = unchecked(hash * 31 + BitConverter.DoubleToInt64Bits(value).GetHashCode());
        }

        return hash;
    }

    private static bool Same(double left, double right)
        => BitConverter.DoubleToInt64Bits(left) == BitConverter.DoubleToInt64Bits(right);

    private static long Pad(int count) => ((long)count + 15) / 16 * 16;
}

using System.Globalization;
using System.Text;

namespace NetDsl;

/// <summary>
/// The shape of a generated network as plain data: what a weights file records and checks on load. Every generated
/// class exposes its own as the static property <c>Description</c>.
/// </summary>
/// <param name="Name">The network type's full name.</param>
/// <param name="InputSize">The number of input features.</param>
/// <param name="Layers">The layers in application order.</param>
public sealed record NetworkDescription(string Name, int InputSize, IReadOnlyList<LayerDescription> Layers)
{
    /// <summary>The network type's full name.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The layers in application order.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; init; } =
        Layers ?? throw new ArgumentNullException(nameof(Layers));

    /// <summary>The number of outputs.</summary>
    public int OutputSize => Layers[^1].Units;

    /// <summary>The number of learnable parameters, in the canonical order of
    /// <see cref="INetwork.ExportParameters"/>.</summary>
    public int ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Equal when the shapes are equal, layer by layer.</summary>
    public bool Equals(NetworkDescription? other)
        => other is not null
            && Name == other.Name
            && InputSize == other.InputSize
            && Layers.SequenceEqual(other.Layers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, InputSize, Layers.Count);

    /// <summary>Lists the layers, which a record would print as the list's type name, and leaves out the sizes
    /// derived from them, which a description that does not chain cannot give:
    /// "NetworkDescription { Name = Demo.Net, InputSize = 784, Layers = [784->128 ReLU, 128->10 Softmax] }".</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Name = {Name}, InputSize = {InputSize}, Layers = [");
        for (int i = 0; i < Layers.Count; i++)
        {
            LayerDescription? layer = Layers[i];
            builder.Append(i == 0 ? "" : ", ").Append(layer is null ? "null" : layer.Summary());
        }

        builder.Append(']');
        return true;
    }
}

/// <summary>One dense layer's shape.</summary>
/// <param name="FanIn">Its input width.</param>
/// <param name="Units">Its output width.</param>
/// <param name="Activation">Its activation.</param>
/// <param name="Alpha">The activation's fixed parameter (LeakyReLU's slope, ELU's α), or 0 when it has none; PReLU's
/// initial slope, which training changes, is not part of the shape and is 0 here.</param>
public sealed record LayerDescription(int FanIn, int Units, Act Activation, double Alpha = 0)
{
    /// <summary>True for PReLU, whose per-unit slopes are parameters.</summary>
    public bool HasSlopes => Activation == Act.PReLU;

    /// <summary>Weights [Units, FanIn], biases [Units], then slopes [Units] when <see cref="HasSlopes"/>.</summary>
    public int ParameterCount => Units * FanIn + Units + (HasSlopes ? Units : 0);

    /// <summary>"784->128 ReLU", or "128->64 LeakyReLU(0.2)" with a fixed parameter.</summary>
    internal string Summary()
        => string.Create(CultureInfo.InvariantCulture, $"{FanIn}->{Units} {Activation}")
            + (Alpha == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"({Alpha:R})"));
}

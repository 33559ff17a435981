namespace NetDsl;

/// <summary>One network of a <see cref="GridAttribute"/> family: its pair and a way to create it.</summary>
/// <param name="Init">The initializer of its varying layers.</param>
/// <param name="Activation">The activation of its varying layers.</param>
/// <param name="Create">Creates a new instance, weights drawn from seed 0.</param>
public sealed record NetworkVariant(Init Init, Act Activation, Func<INetwork> Create)
{
    /// <summary>Creates a new instance, weights drawn from seed 0.</summary>
    public Func<INetwork> Create { get; init; } = Create ?? throw new ArgumentNullException(nameof(Create));

    /// <summary>"Init × Activation", for tables and plots.</summary>
    public string Name => $"{Init} × {Activation}";
}

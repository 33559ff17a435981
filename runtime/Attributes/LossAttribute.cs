namespace NetDsl;

/// <summary>Names the loss a network trains on, instead of the one its last activation implies (see
/// <see cref="NetDsl.Loss"/>). A loss that does not fit the output activation is a compile-time error.</summary>
/// <param name="loss">The loss.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LossAttribute(Loss loss) : Attribute
{
    /// <summary>The loss.</summary>
    public Loss Loss { get; } = loss;
}

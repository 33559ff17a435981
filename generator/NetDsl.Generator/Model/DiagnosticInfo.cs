using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Model;

/// <summary>A diagnostic as plain values, turned into a <see cref="Diagnostic"/> only when reported.</summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments,
    EquatableArray<KeyValue> Properties)
{
    /// <summary>The location the parse found, in its syntax tree: what the analyzer reports, since a path and a span
    /// cannot tell apart trees that share a path. Not part of equality, and dropped (<see cref="Detached"/>) before
    /// the generator caches a diagnostic, where a tree must not be kept alive.</summary>
    public Location? SourceLocation { get; init; }

    /// <summary>This diagnostic without its tree, for the generator's cached pipeline.</summary>
    public DiagnosticInfo Detached => SourceLocation is null ? this : this with { SourceLocation = null };

    public bool Equals(DiagnosticInfo? other)
        => other is not null && Descriptor.Equals(other.Descriptor) && Equals(Location, other.Location)
            && Arguments.Equals(other.Arguments) && Properties.Equals(other.Properties);

    public override int GetHashCode()
    {
        unchecked
        {
            int hash = Descriptor.GetHashCode();
            hash = hash * 31 + (Location?.GetHashCode() ?? 0);
            hash = hash * 31 + Arguments.GetHashCode();
            return hash * 31 + Properties.GetHashCode();
        }
    }

    public Diagnostic ToDiagnostic(Location? location = null)
    {
        var properties = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string?>();
        foreach (KeyValue property in Properties)
        {
            properties[property.Key] = property.Value;
        }

        return Diagnostic.Create(
            Descriptor, location ?? Location?.ToLocation(), properties.ToImmutable(),
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(Arguments)));
    }
}

/// <summary>A diagnostic property, for the code fix (for example the initializer to switch to).</summary>
internal sealed record KeyValue(string Key, string Value);

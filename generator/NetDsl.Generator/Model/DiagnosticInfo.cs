using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Model;

/// <summary>A diagnostic as plain values, turned into a <see cref="Diagnostic"/> only when reported.</summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments,
    EquatableArray<KeyValue> Properties)
{
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

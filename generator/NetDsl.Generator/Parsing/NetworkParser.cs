using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Generator.Diagnostics;
using NetDsl.Generator.Model;

namespace NetDsl.Generator.Parsing;

/// <summary>
/// Reads a network type's attributes into a <see cref="NetworkSpec"/> and the diagnostics that go with it. The
/// generator and the analyzer share it, so they never disagree about what a declaration means. It never throws on
/// bad input: anything it cannot read becomes a diagnostic or, where the compiler already reports an error (a
/// missing argument, a syntax error), no network.
/// </summary>
internal static class NetworkParser
{
    /// <summary>A namespace as C# writes it: dotted, with keywords escaped (<c>@event.Models</c>).</summary>
    private static readonly SymbolDisplayFormat NamespaceFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The result of reading one type: the spec when it is valid, and every diagnostic found.</summary>
    public static (NetworkSpec? Spec, List<DiagnosticInfo> Diagnostics) Parse(
        INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        NetworkSpec? spec = ParseCore(type, diagnostics, cancellationToken);
        return (spec, diagnostics);
    }

    /// <summary>The diagnostic for a type with [Dense] layers and no [Input], or null when it has an [Input] (the
    /// [Input] pipeline reports everything else about it).</summary>
    public static DiagnosticInfo? ParseOrphanLayers(INamedTypeSymbol type)
    {
        if (type.GetAttributes().Any(a => IsAttribute(a, KnownNames.InputAttribute)))
        {
            return null;
        }

        AttributeData? first = type.GetAttributes().FirstOrDefault(a => IsAttribute(a, KnownNames.DenseAttribute));
        return Diagnostic(DiagnosticDescriptors.MissingInput, first?.ApplicationSyntaxReference?.GetSyntax(), type.Name);
    }

    private static NetworkSpec? ParseCore(
        INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // A second [Input] is the compiler's CS0579. The generator parses the type once per declaration carrying an
        // [Input], so a network would be generated (and its errors reported) once per copy: no network instead.
        NetworkAttributes attributes = NetworkAttributes.From(type);
        if (attributes.Input is null || attributes.InputCount > 1)
        {
            return null;
        }

        Location? identifier = FirstIdentifier(type);
        if (!CheckTypeShape(type, identifier, diagnostics))
        {
            return null;
        }

        int? inputSize = ReadSize(attributes.Input, "The input size", diagnostics);
        if (!CheckLayersInOneDeclaration(type, attributes, diagnostics))
        {
            return null;
        }

        if (attributes.Dense.Count == 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NoLayers, Syntax(attributes.Input), type.Name));
            return null;
        }

        var layers = new List<LayerSpec>();
        bool valid = inputSize is not null;
        int fanIn = inputSize ?? 1;
        long storage = 0;
        for (int index = 0; index < attributes.Dense.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData dense = attributes.Dense[index];
            LayerSpec? layer = ReadLayer(dense, index, fanIn, diagnostics);
            if (layer is null)
            {
                valid = false;
                continue;
            }

            if (layer.Activation == ActKind.Softmax && index != attributes.Dense.Count - 1)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.SoftmaxNotLast, Syntax(dense), index.ToString(CultureInfo.InvariantCulture)));
                valid = false;
            }

            storage += layer.StorageLength;
            if (valid && storage > KnownNames.MaxArrayLength)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.TooLarge, Syntax(dense), type.Name,
                    storage.ToString(CultureInfo.InvariantCulture),
                    KnownNames.MaxArrayLength.ToString(CultureInfo.InvariantCulture)));
                return null;
            }

            layers.Add(layer);
            fanIn = layer.Units;
        }

        LossKind? loss = ReadLoss(attributes.Loss, layers, diagnostics);
        if (!valid || loss is null)
        {
            return null;
        }

        var spec = new NetworkSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(NamespaceFormat),
            Containers(type).ToEquatableArray(),
            Identifier(type.Name),
            type.IsRecord ? "record" : "class",
            inputSize!.Value,
            layers.ToEquatableArray(),
            loss.Value);
        diagnostics.AddRange(ModelRules.Warnings(spec, attributes));
        return spec;
    }

    private static bool CheckTypeShape(INamedTypeSymbol type, Location? identifier, List<DiagnosticInfo> diagnostics)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic)
        {
            string kind = type.IsStatic ? "a static class"
                : type.IsRecord ? "a record struct"
                : type.TypeKind == TypeKind.Interface ? "an interface"
                : "a " + type.TypeKind.ToString().ToLowerInvariant();
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotAClass, identifier, type.Name, kind));
            return false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericType, identifier, type.Name));
                return false;
            }
        }

        // Only a top-level type can be file-local, and then everything in it is out of reach of another file.
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.FileLocal, FirstIdentifier(current), current.Name));
                return false;
            }
        }

        bool partial = true;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (SyntaxReference reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), current.Name, Keyword(declaration)));
                    partial = false;
                }
            }
        }

        return partial;
    }

    private static bool CheckLayersInOneDeclaration(
        INamedTypeSymbol type, NetworkAttributes attributes, List<DiagnosticInfo> diagnostics)
    {
        var declarations = new HashSet<SyntaxNode>();
        foreach (AttributeData attribute in attributes.Dense.Append(attributes.Input!))
        {
            if (Syntax(attribute)?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
            {
                declarations.Add(declaration);
            }
        }

        if (declarations.Count <= 1)
        {
            return true;
        }

        diagnostics.Add(Diagnostic(DiagnosticDescriptors.LayersSpread, Syntax(attributes.Dense[attributes.Dense.Count - 1]), type.Name));
        return false;
    }

    private static LayerSpec? ReadLayer(AttributeData dense, int index, int fanIn, List<DiagnosticInfo> diagnostics)
    {
        // A constructor the compiler could not bind (missing or mistyped arguments) is already an error; no network.
        ImmutableArray<TypedConstant> arguments = dense.ConstructorArguments;
        if (dense.AttributeConstructor is null || arguments.Length is not (2 or 3) || arguments.Any(a => a.IsNull || a.Kind == TypedConstantKind.Error))
        {
            return null;
        }

        string layerName = "Layer " + index.ToString(CultureInfo.InvariantCulture);
        int? units = ReadSize(dense, layerName + "'s unit count", diagnostics);
        int activationPosition = arguments.Length - 1;
        ActKind? activation = ReadEnum<ActKind>(dense, activationPosition, "Act", Traits.MaxDefinedAct, diagnostics);
        InitKind? init = arguments.Length == 3
            ? ReadEnum<InitKind>(dense, 1, "Init", Traits.MaxDefinedInit, diagnostics)
            : activation is { } act ? Traits.RecommendedInit(act) : null;

        // Every named argument is read (and checked) before deciding: a bad one anywhere stops the layer, and each is
        // reported even when the constructor arguments are wrong too.
        var named = new NamedArguments(dense, diagnostics);
        double alpha = named.Read("Alpha", double.NaN);
        double value = named.Read("Value", 0);
        double min = named.Read("Min", -0.05);
        double max = named.Read("Max", 0.05);
        double mean = named.Read("Mean", 0);
        double std = named.Read("Std", 0.05);
        double gain = named.Read("Gain", 1);
        double bias = named.Read("Bias", 0);
        if (units is null || activation is null || init is null || !named.Valid)
        {
            return null;
        }

        var layer = new LayerSpec(
            fanIn,
            units.Value,
            init.Value,
            activation.Value,
            double.IsNaN(alpha) ? Traits.DefaultAlpha(activation.Value) ?? 0 : alpha,
            value,
            min,
            max,
            mean,
            std,
            gain,
            bias);
        return CheckInitArguments(layer, dense, layerName, diagnostics) ? layer : null;
    }

    private static bool CheckInitArguments(LayerSpec layer, AttributeData dense, string layerName, List<DiagnosticInfo> diagnostics)
    {
        string? problem = layer.Init switch
        {
            InitKind.Uniform when !(layer.Min < layer.Max)
                => $"{layerName}: Uniform needs Min < Max, but Min = {Format(layer.Min)} and Max = {Format(layer.Max)}",
            InitKind.Normal or InitKind.TruncatedNormal when !(layer.Std > 0)
                => $"{layerName}: {layer.Init} needs a positive Std, not {Format(layer.Std)}",
            _ => null,
        };
        if (problem is null)
        {
            return true;
        }

        diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidInitArgument, Syntax(dense), problem));
        return false;
    }

    private static LossKind? ReadLoss(AttributeData? lossAttribute, List<LayerSpec> layers, List<DiagnosticInfo> diagnostics)
    {
        if (layers.Count == 0)
        {
            return null;
        }

        ActKind last = layers[layers.Count - 1].Activation;
        LossKind inferred = last switch
        {
            ActKind.Softmax => LossKind.CrossEntropy,
            ActKind.Sigmoid => LossKind.BinaryCrossEntropy,
            _ => LossKind.MeanSquaredError,
        };
        if (lossAttribute is null)
        {
            return inferred;
        }

        LossKind? named = ReadEnum<LossKind>(lossAttribute, 0, "Loss", Traits.MaxDefinedLoss, diagnostics);
        if (named is null)
        {
            return null;
        }

        (ActKind Needed, string Name)? requirement = named switch
        {
            LossKind.CrossEntropy => (ActKind.Softmax, "cross-entropy"),
            LossKind.BinaryCrossEntropy => (ActKind.Sigmoid, "binary cross-entropy"),
            _ => null,
        };
        if (requirement is { } need && need.Needed != last)
        {
            diagnostics.Add(Diagnostic(
                DiagnosticDescriptors.LossMismatch, Syntax(lossAttribute), need.Name, need.Needed.ToString(), last.ToString()));
            return null;
        }

        return named == LossKind.Auto ? inferred : named;
    }

    private static int? ReadSize(AttributeData attribute, string what, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not int size)
        {
            return null;
        }

        if (size >= 1)
        {
            return size;
        }

        diagnostics.Add(Diagnostic(
            DiagnosticDescriptors.NonPositiveSize, ArgumentSyntax(attribute, 0), what, size.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    private static TEnum? ReadEnum<TEnum>(AttributeData attribute, int position, string enumName, int maxDefined, List<DiagnosticInfo> diagnostics)
        where TEnum : struct
    {
        if (attribute.ConstructorArguments.Length <= position || attribute.ConstructorArguments[position].Value is not int value)
        {
            return null;
        }

        if (value >= 0 && value <= maxDefined)
        {
            return (TEnum)(object)value;
        }

        string shown = "(" + enumName + ")" + value.ToString(CultureInfo.InvariantCulture);
        diagnostics.Add(Diagnostic(DiagnosticDescriptors.UndefinedEnumValue, ArgumentSyntax(attribute, position), shown, enumName));
        return null;
    }

    private static IEnumerable<ContainerSpec> Containers(INamedTypeSymbol type)
    {
        var containers = new Stack<ContainerSpec>();
        for (INamedTypeSymbol? current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            string keyword = current.TypeKind switch
            {
                TypeKind.Struct => current.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => current.IsRecord ? "record" : "class",
            };
            containers.Push(new ContainerSpec(keyword, Identifier(current.Name)));
        }

        return containers;
    }

    /// <summary>A type name as C# writes it: a keyword such as <c>class</c> needs its '@' to be a name again.</summary>
    private static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    private static Location? FirstIdentifier(INamedTypeSymbol type)
        => type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
            .Select(d => d.Identifier.GetLocation()).FirstOrDefault();

    private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => declaration.Keyword.ValueText,
    };

    internal static bool IsAttribute(AttributeData attribute, string metadataName)
        => attribute.AttributeClass?.ToDisplayString() == metadataName;

    internal static SyntaxNode? Syntax(AttributeData? attribute) => attribute?.ApplicationSyntaxReference?.GetSyntax();

    internal static SyntaxNode? ArgumentSyntax(AttributeData attribute, int position)
        => Syntax(attribute) is AttributeSyntax { ArgumentList: { } list } && list.Arguments.Count > position
            ? list.Arguments[position]
            : Syntax(attribute);

    internal static SyntaxNode? NamedArgumentSyntax(AttributeData attribute, string name)
        => Syntax(attribute) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) ?? (SyntaxNode)list
            : Syntax(attribute);

    internal static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, SyntaxNode? node, params string[] arguments)
        => Diagnostic(descriptor, node?.GetLocation(), arguments);

    internal static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => new(descriptor, LocationInfo.From(location), arguments.ToEquatableArray(), EquatableArray<KeyValue>.Empty);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads the named arguments of one [Dense], reporting the ones that are NaN or infinite as floats: every
    /// one ends up in float weights, biases or slopes, where 1e300 is as infinite as 1.0 / 0.</summary>
    private sealed class NamedArguments(AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        public bool Valid { get; private set; } = true;

        public double Read(string name, double fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key != name || argument.Value.Value is not double value)
                {
                    continue;
                }

                // Only written arguments are listed, so a NaN here is the user's (Alpha's NaN default never is).
                if (double.IsNaN(value) || float.IsInfinity((float)value))
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.NonFiniteArgument, NamedArgumentSyntax(attribute, name), name, Format(value)));
                    Valid = false;
                    return fallback;
                }

                return value;
            }

            return fallback;
        }
    }
}

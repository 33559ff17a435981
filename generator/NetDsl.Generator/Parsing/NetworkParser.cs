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

    /// <summary>Reads one type: its network, or its family of variants when it has a [Grid], and every diagnostic
    /// found (errors and warnings; the generator reports the first, the analyzer the second).</summary>
    public static ParsedType Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new ParsedType();
        ParseCore(type, result, cancellationToken);
        return result;
    }

    /// <summary>The diagnostic for a type with [Dense] layers and no [Input], or null when it has an [Input] (the
    /// [Input] pipeline reports everything else about it).</summary>
    /// <remarks>The generator calls this once per declaration carrying [Dense]; only the declaration holding the first
    /// [Dense] reports, so the error appears once.</remarks>
    public static DiagnosticInfo? ParseOrphanLayers(INamedTypeSymbol type, SyntaxNode declaration)
    {
        if (type.GetAttributes().Any(a => IsAttribute(a, KnownNames.InputAttribute)))
        {
            return null;
        }

        SyntaxNode? first = Syntax(type.GetAttributes().FirstOrDefault(a => IsAttribute(a, KnownNames.DenseAttribute)));
        if (first?.FirstAncestorOrSelf<TypeDeclarationSyntax>() != declaration)
        {
            return null;
        }

        // As for a [Dense] (NDSL0003): an [Input] of another library's or the user's own is named.
        AttributeData? foreign = ForeignAttribute(type, "InputAttribute");
        return foreign is null
            ? Diagnostic(DiagnosticDescriptors.MissingInput, first, type.Name, "", "Input")
            : Diagnostic(
                DiagnosticDescriptors.MissingInput, Syntax(foreign), type.Name,
                $" (this [Input] is {foreign.AttributeClass!.ToDisplayString()}, not NetDsl.InputAttribute)",
                "NetDsl.Input");
    }

    /// <summary>The first attribute of the type whose class has NetDsl's <paramref name="name"/> but is another
    /// type; null when none (an unresolved name is the compiler's CS0246).</summary>
    private static AttributeData? ForeignAttribute(INamedTypeSymbol type, string name)
        => type.GetAttributes().FirstOrDefault(a => a.AttributeClass is { TypeKind: not TypeKind.Error } c
            && c.Name == name && c.ToDisplayString() != "NetDsl." + name);

    private static void ParseCore(INamedTypeSymbol type, ParsedType result, CancellationToken cancellationToken)
    {
        // A second [Input] is the compiler's CS0579. The generator parses the type once per declaration carrying an
        // [Input], so a network would be generated (and its errors reported) once per copy: no network instead.
        List<DiagnosticInfo> diagnostics = result.Diagnostics;
        NetworkAttributes attributes = NetworkAttributes.From(type);
        bool family = attributes.Grid is not null;
        if (attributes.Input is null || attributes.InputCount > 1 || HasMissingName(type))
        {
            return;
        }

        if (type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions options
            && options.LanguageVersion < LanguageVersion.CSharp11)
        {
            diagnostics.Add(Diagnostic(
                DiagnosticDescriptors.LanguageVersionTooLow, FirstIdentifier(type), type.Name,
                options.LanguageVersion.ToDisplayString()));
            return;
        }

        if (!CheckTypeShape(type, FirstIdentifier(type), family, diagnostics) || !CheckLayout(type, family, diagnostics))
        {
            return;
        }

        int? inputSize = ReadSize(attributes.Input, "The input size", diagnostics);
        if (!CheckLayersInOneDeclaration(type, attributes, diagnostics))
        {
            return;
        }

        if (attributes.Dense.Count == 0)
        {
            // A [Dense] that binds to another library's or the user's own DenseAttribute looks like a layer but is
            // none: name the type it is, and write NetDsl's in full.
            AttributeData? foreign = ForeignAttribute(type, "DenseAttribute");
            diagnostics.Add(foreign is null
                ? Diagnostic(DiagnosticDescriptors.NoLayers, Syntax(attributes.Input), type.Name, "", "Dense")
                : Diagnostic(
                    DiagnosticDescriptors.NoLayers, Syntax(foreign), type.Name,
                    $" (this [Dense] is {foreign.AttributeClass!.ToDisplayString()}, not NetDsl.DenseAttribute)",
                    "NetDsl.Dense"));
            return;
        }

        List<(LayerSpec Layer, bool Varies)>? template =
            ReadLayers(attributes, inputSize, family, diagnostics, cancellationToken);
        if (template is null || inputSize is null)
        {
            return;
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace
            ? null
            : type.ContainingNamespace.ToDisplayString(NamespaceFormat);
        string name = Identifier(type.Name);
        EquatableArray<ContainerSpec> containers = Containers(type).ToEquatableArray();
        string keyword = type.IsRecord ? "record" : "class";
        if (!family)
        {
            List<LayerSpec> layers = template.Select(t => t.Layer).ToList();
            LossKind? loss = ReadLoss(attributes.Loss, layers, diagnostics);
            if (loss is null || !FitsInArrays(type, layers, attributes, diagnostics))
            {
                return;
            }

            if (!CheckMemberNames(type, null, "network", diagnostics) || !CheckInheritedNames(type, null, diagnostics))
            {
                return;
            }

            result.Spec = new NetworkSpec(
                ns, containers, name, keyword, inputSize.Value, layers.ToEquatableArray(), loss.Value);
            diagnostics.AddRange(ModelRules.Warnings(result.Spec, attributes));
            return;
        }

        (List<InitKind> Inits, List<ActKind> Activations)? grid = ReadGrid(type, attributes, template, diagnostics);
        if (grid is null)
        {
            return;
        }

        var familyContainers = containers.Concat(new[] { new ContainerSpec(keyword, name) }).ToEquatableArray();
        var variants = new List<NetworkSpec>();
        foreach (InitKind init in grid.Value.Inits)
        {
            foreach (ActKind activation in grid.Value.Activations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                List<LayerSpec> layers =
                    template.Select(t => t.Varies ? Vary(t.Layer, init, activation) : t.Layer).ToList();

                // Every variant has the same widths, so one report of a problem with the loss or the size is enough.
                var variantDiagnostics = new List<DiagnosticInfo>();
                LossKind? loss = ReadLoss(attributes.Loss, layers, variantDiagnostics);
                if (loss is null || !FitsInArrays(type, layers, attributes, variantDiagnostics))
                {
                    diagnostics.AddRange(variantDiagnostics);
                    return;
                }

                variants.Add(new NetworkSpec(
                    ns, familyContainers, init.ToString() + activation, "class", inputSize.Value,
                    layers.ToEquatableArray(), loss.Value, new VariantSpec(init, activation, name)));
            }
        }

        if (CheckFamilyNames(type, variants.Select(v => v.Name).ToList(), diagnostics))
        {
            result.Family = new FamilySpec(ns, containers, name, keyword, variants.ToEquatableArray());
            diagnostics.AddRange(ModelRules.FamilyWarnings(variants, attributes));
        }
    }

    private static List<(LayerSpec Layer, bool Varies)>? ReadLayers(
        NetworkAttributes attributes, int? inputSize, bool family, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var layers = new List<(LayerSpec, bool)>();
        bool valid = true;
        int fanIn = inputSize ?? 1;
        for (int index = 0; index < attributes.Dense.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData dense = attributes.Dense[index];
            (LayerSpec? layer, bool varies) = ReadLayer(dense, index, fanIn, diagnostics);
            if (layer is null)
            {
                valid = false;
                continue;
            }

            if (varies && !family)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.VaryingLayerOutsideGrid, Syntax(dense),
                    layer.Units.ToString(CultureInfo.InvariantCulture)));
                valid = false;
            }

            if (!varies && layer.Activation == ActKind.Softmax && index != attributes.Dense.Count - 1)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.SoftmaxNotLast, Syntax(dense), index.ToString(CultureInfo.InvariantCulture)));
                valid = false;
            }
            else if (!varies && layer.Activation == ActKind.Softmax && layer.Units == 1)
            {
                string layerIndex = index.ToString(CultureInfo.InvariantCulture);
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.SingleUnitSoftmax, Syntax(dense), layerIndex));
                valid = false;
            }

            layers.Add((layer, varies));
            fanIn = layer.Units;
        }

        return valid ? layers : null;
    }

    /// <summary>Reports a network whose packed parameters, or whose forward work buffers (two chunks of rows of its
    /// widest layer), would not fit in one .NET array, at the layer where the size first overflows.</summary>
    private static bool FitsInArrays(
        INamedTypeSymbol type, List<LayerSpec> layers, NetworkAttributes attributes, List<DiagnosticInfo> diagnostics)
    {
        long storage = 0;
        for (int index = 0; index < layers.Count; index++)
        {
            storage += layers[index].StorageLength;
            long work = 2L * KnownNames.ChunkRows * ((layers[index].Units + 15L) / 16 * 16);
            if (storage > KnownNames.MaxArrayLength || work > KnownNames.MaxArrayLength)
            {
                long needed = storage > KnownNames.MaxArrayLength ? storage : work;
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.TooLarge, Syntax(attributes.Dense[index]), type.Name,
                    needed.ToString(CultureInfo.InvariantCulture),
                    KnownNames.MaxArrayLength.ToString(CultureInfo.InvariantCulture)));
                return false;
            }
        }

        return true;
    }

    /// <summary>A varying layer with the variant's pair; an Alpha the user gave survives where the activation has
    /// one, otherwise the activation's own default applies.</summary>
    private static LayerSpec Vary(LayerSpec layer, InitKind init, ActKind activation)
    {
        double? defaultAlpha = Traits.DefaultAlpha(activation);
        double alpha = defaultAlpha is null ? 0 : double.IsNaN(layer.Alpha) ? defaultAlpha.Value : layer.Alpha;
        return layer with { Init = init, Activation = activation, Alpha = alpha };
    }

    private static (List<InitKind>, List<ActKind>)? ReadGrid(
        INamedTypeSymbol type, NetworkAttributes attributes, List<(LayerSpec Layer, bool Varies)> template,
        List<DiagnosticInfo> diagnostics)
    {
        AttributeData grid = attributes.Grid!;
        SyntaxNode? place = Syntax(grid);
        if (grid.AttributeConstructor is null || grid.ConstructorArguments.Length != 2)
        {
            return null;
        }

        if (!template.Any(t => t.Varies))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidGrid, place,
                $"The [Grid] of '{type.Name}' varies no layer: write the layers to vary as [Dense(units)], "
                    + "without initializer and activation"));
            return null;
        }

        List<InitKind>? inits = ReadGridValues<InitKind>(grid, 0, "Init", Traits.MaxDefinedInit, diagnostics);
        List<ActKind>? activations = ReadGridValues<ActKind>(grid, 1, "Act", Traits.MaxDefinedAct, diagnostics);
        if (inits is null || activations is null)
        {
            return null;
        }

        if (activations.Contains(ActKind.Softmax))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidGrid, ArgumentSyntax(grid, 1),
                "Softmax cannot vary: it normalizes a network's outputs and belongs on its last layer, written in full "
                    + "as [Dense(units, init, Act.Softmax)]"));
            return null;
        }

        return (inits, activations);
    }

    private static List<TEnum>? ReadGridValues<TEnum>(
        AttributeData grid, int position, string enumName, int maxDefined, List<DiagnosticInfo> diagnostics)
        where TEnum : struct
    {
        TypedConstant array = grid.ConstructorArguments[position];
        SyntaxNode? place = ArgumentSyntax(grid, position);
        string what = position == 0 ? "initializer" : "activation";
        if (array.Kind != TypedConstantKind.Array || array.IsNull || array.Values.Length == 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidGrid, place,
                $"The [Grid] lists no {what}: give at least one, for example "
                    + $"new[] {{ {enumName}.{(position == 0 ? "HeNormal" : "ReLU")} }}"));
            return null;
        }

        var values = new List<TEnum>();
        foreach (TypedConstant element in array.Values)
        {
            if (element.Value is not int value)
            {
                return null;
            }

            if (value < 0 || value > maxDefined)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UndefinedEnumValue, place,
                    EnumCast(enumName, value), enumName));
                return null;
            }

            var kind = (TEnum)(object)value;
            if (values.Contains(kind))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidGrid, place,
                    $"{enumName}.{kind} appears twice in the [Grid] (aliases such as Init.He and Init.HeNormal are the "
                        + $"same {what}): list each {what} once"));
                return null;
            }

            values.Add(kind);
        }

        return values;
    }

    /// <summary>
    /// Reports the user's members that the generated code would collide with (CS0102, CS0111 in a file the user cannot
    /// edit): in a network (<paramref name="kind"/> "network" or "variant") any member named like a generated one,
    /// except methods that overload a generated method with other parameter types, and any explicit implementation of
    /// an INetwork member the generated code implements explicitly (CS8646); in a family (<paramref name="variants"/>
    /// given) a member named Variants, or named like a variant and unable to extend it (see
    /// <see cref="VariantDeclarationProblem"/>).
    /// </summary>
    private static bool CheckMemberNames(
        INamedTypeSymbol type, List<string>? variants, string kind, List<DiagnosticInfo> diagnostics)
    {
        bool clean = true;
        foreach (ISymbol member in type.GetMembers())
        {
            Location? location = UserLocation(member);
            if (member.IsImplicitlyDeclared || location is null)
            {
                continue;
            }

            string? implemented = variants is null ? GeneratedExplicitImplementation(member) : null;
            string? advice = implemented is not null
                ? $"remove it, the generated code implements {implemented} already"
                : variants is not null
                    ? FamilyClash(member, variants)
                    : Clashes(member)
                        ? member is IMethodSymbol && IsPrivateHelperName(member.Name)
                            ? "rename it (the generated code calls a private method of this name, and an overload "
                                + "could take those calls over)"
                            : "rename it (a method may still overload a public generated method with other parameter "
                                + "types)"
                        : null;
            if (advice is not null)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.MemberNameClash, location, implemented ?? member.Name, type.Name, kind,
                    advice));
                clean = false;
            }
        }

        return clean;
    }

    /// <summary>
    /// The checks of a family's names, once its variants are known: the family may not be named like a variant
    /// (CS0542), its members may not collide with Variants or a variant, a partial class that extends a variant must
    /// pass a network's checks, and no base class may have a member the family's would hide (CS0108).
    /// </summary>
    private static bool CheckFamilyNames(INamedTypeSymbol type, List<string> variants, List<DiagnosticInfo> diagnostics)
    {
        if (variants.Contains(type.Name))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.ReservedName, FirstIdentifier(type), type.Name, "family"));
            return false;
        }

        bool clean = CheckMemberNames(type, variants, "family", diagnostics);
        foreach (INamedTypeSymbol extension in type.GetTypeMembers().Where(t => t.Arity == 0
            && variants.Contains(t.Name) && UserLocation(t) is not null && VariantDeclarationProblem(t) is null))
        {
            clean &= CheckMemberNames(extension, null, "variant", diagnostics);
            clean &= CheckLayout(extension, false, diagnostics);
            clean &= CheckInheritedNames(extension, null, diagnostics);
        }

        return CheckInheritedNames(type, variants, diagnostics) && clean;
    }

    /// <summary>The advice for a member of a family that collides with what the family generates, or null: Variants
    /// is taken; a member named like a variant must be a partial class that can extend it.</summary>
    private static string? FamilyClash(ISymbol member, List<string> variants)
    {
        if (member.Name == KnownNames.FamilyMemberName || (variants.Contains(member.Name) && member is not ITypeSymbol))
        {
            return "rename it";
        }

        // HeNormalReLU<T> is another type than the variant HeNormalReLU.
        return variants.Contains(member.Name) && member is INamedTypeSymbol { Arity: 0 } type
            ? VariantDeclarationProblem(type)
            : null;
    }

    /// <summary>What keeps the user's type of a variant's name from extending the generated public sealed class
    /// (CS0261, CS0262, CS0441, CS0418 or CS0260 otherwise, or no way for Variants to create it), as advice; null
    /// when it can.</summary>
    private static string? VariantDeclarationProblem(INamedTypeSymbol type)
    {
        string declare = $"write 'public partial class {type.Name}' to add members to the variant, or rename it";
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (IsNetDslOutput(reference.SyntaxTree))
            {
                continue;
            }

            SyntaxNode declaration = reference.GetSyntax();
            string? problem = declaration switch
            {
                RecordDeclarationSyntax record => "is a " + Keyword(record),
                ClassDeclarationSyntax { Modifiers: var modifiers } => ClassModifierProblem(modifiers),
                TypeDeclarationSyntax other => "is " + (other is InterfaceDeclarationSyntax ? "an " : "a ")
                    + Keyword(other),
                EnumDeclarationSyntax => "is an enum",
                DelegateDeclarationSyntax => "is a delegate",
                _ => null,
            };
            if (problem is not null)
            {
                return $"the variant is a public sealed class and this declaration {problem}; {declare}";
            }
        }

        if (type.GetAttributes().Any(a => IsAttribute(a, KnownNames.InputAttribute)))
        {
            return $"the variant takes its layers from the family, and this declaration has an [Input] of its own; "
                + declare;
        }

        // Variants creates each variant from inside the family.
        bool creatable = type.InstanceConstructors.Any(c
            => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                    or Accessibility.ProtectedOrInternal
                && c.Parameters.All(p => p.IsOptional || p.IsParams));
        return creatable
            ? null
            : $"Variants creates the variant with 'new {type.Name}()', which no constructor of this declaration "
                + "accepts; add a public constructor without parameters, or rename it";
    }

    private static string? ClassModifierProblem(SyntaxTokenList modifiers)
    {
        if (!modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return "is not partial";
        }

        SyntaxToken wrong = modifiers.FirstOrDefault(m => m.Kind() is SyntaxKind.StaticKeyword
            or SyntaxKind.AbstractKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PrivateKeyword
            or SyntaxKind.ProtectedKeyword or SyntaxKind.FileKeyword);
        return wrong.IsKind(SyntaxKind.None) ? null : "is " + wrong.ValueText;
    }

    /// <summary>The INetwork member, as <c>INetwork.Description</c>, that <paramref name="member"/> explicitly
    /// implements when the generated code implements it explicitly too; otherwise null.</summary>
    private static string? GeneratedExplicitImplementation(ISymbol member)
    {
        IEnumerable<ISymbol> implemented = member switch
        {
            IPropertySymbol property => property.ExplicitInterfaceImplementations,
            IMethodSymbol method => method.ExplicitInterfaceImplementations,
            IEventSymbol @event => @event.ExplicitInterfaceImplementations,
            _ => Enumerable.Empty<ISymbol>(),
        };
        ISymbol? generated = implemented.FirstOrDefault(i
            => i.ContainingType.ToDisplayString() == KnownNames.NetworkInterface
                && System.Array.IndexOf(KnownNames.ExplicitlyImplemented, i.Name) >= 0);
        return generated is null ? null : generated.ContainingType.Name + "." + generated.Name;
    }

    /// <summary>
    /// Reports the first member of a base type that a generated member would hide (CS0108 in the generated file): for
    /// a network (<paramref name="variants"/> null) a base class with a Forward(ReadOnlySpan&lt;float&gt;,
    /// Span&lt;float&gt;) or a Description, or another network; for a family one with a member named Variants or like
    /// a variant, or another family.
    /// </summary>
    private static bool CheckInheritedNames(
        INamedTypeSymbol type, List<string>? variants, List<DiagnosticInfo> diagnostics)
    {
        for (INamedTypeSymbol? baseType = type.BaseType;
            baseType is { SpecialType: not SpecialType.System_Object };
            baseType = baseType.BaseType)
        {
            // A base network's or family's members are generated in this same run, so the generator cannot see them:
            // its attributes stand for them. A network and a family generate no name in common.
            bool generated = baseType.GetAttributes().Any(a => IsAttribute(a, KnownNames.InputAttribute));
            bool baseFamily = baseType.GetAttributes().Any(a => IsAttribute(a, KnownNames.GridAttribute));
            string? hidden = generated && baseFamily == (variants is not null)
                ? (variants is null ? "InputSize" : KnownNames.FamilyMemberName)
                : baseType.GetMembers().FirstOrDefault(member => !member.IsImplicitlyDeclared
                    && member.DeclaredAccessibility != Accessibility.Private
                    && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary }
                    && !IsNetDslOutput(member)
                    && (variants is null
                        ? Clashes(member)
                        : member.Name == KnownNames.FamilyMemberName || variants.Contains(member.Name)))?.Name;
            if (hidden is null)
            {
                continue;
            }

            Location? place = type.DeclaringSyntaxReferences.Where(r => !IsNetDslOutput(r.SyntaxTree))
                .Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Select(d => d.BaseList?.Types.FirstOrDefault()?.GetLocation()).FirstOrDefault(l => l is not null);
            diagnostics.Add(Diagnostic(
                DiagnosticDescriptors.InheritedNameClash, place ?? FirstIdentifier(type), type.Name, hidden,
                baseType.Name));
            return false;
        }

        return true;
    }

    /// <summary>True while the user is still typing a declaration: the type, a container or an enclosing namespace
    /// (<c>namespace {</c>, <c>namespace A. {</c>) has no name yet, which the compiler reports; generating for it would
    /// only add errors in a generated file.</summary>
    private static bool HasMissingName(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Name.Length == 0 || current.DeclaringSyntaxReferences.Select(r => r.GetSyntax())
                    .OfType<TypeDeclarationSyntax>().Any(d => d.Identifier.IsMissing))
            {
                return true;
            }
        }

        for (INamespaceSymbol? current = type.ContainingNamespace;
            current is { IsGlobalNamespace: false };
            current = current.ContainingNamespace)
        {
            if (current.Name.Length == 0)
            {
                return true;
            }
        }

        return type.DeclaringSyntaxReferences.Select(r => r.GetSyntax())
            .SelectMany(d => d.Ancestors().OfType<BaseNamespaceDeclarationSyntax>())
            .Any(n => n.Name.IsMissing || n.Name.DescendantTokens().Any(t => t.IsMissing));
    }

    /// <summary>True for a file NetDsl generated, which the analyzer sees beside the user's: it opens with NetDsl's
    /// header.</summary>
    private static bool IsNetDslOutput(SyntaxTree? tree)
        => tree is not null && tree.GetRoot().GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)
            && t.ToString().StartsWith(KnownNames.GeneratedHeader, System.StringComparison.Ordinal));

    /// <summary>True for a member only NetDsl's output declares.</summary>
    private static bool IsNetDslOutput(ISymbol member)
        => member.Locations.Any(l => l.IsInSource) && member.Locations.All(l => IsNetDslOutput(l.SourceTree));

    /// <summary>Where the user declared <paramref name="member"/>, outside NetDsl's output; null when nowhere.
    /// </summary>
    private static Location? UserLocation(ISymbol member)
        => member.Locations.FirstOrDefault(l => l.IsInSource && !IsNetDslOutput(l.SourceTree));

    /// <summary>True when a user's member of a network collides with a generated one.</summary>
    private static bool Clashes(ISymbol member)
    {
        string name = member.Name;
        if (member is IMethodSymbol method)
        {
            // A user method is an overload unless a generated non-method has its name, or a generated method has its
            // name, its number of type parameters and its parameter types.
            return KnownNames.GeneratedLayerConstantName.IsMatch(name)
                || IsPrivateHelperName(name)
                || IsGeneratedSignature(method);
        }

        return System.Array.IndexOf(KnownNames.GeneratedMemberNames, name) >= 0
            || KnownNames.GeneratedLayerMemberName.IsMatch(name);
    }

    /// <summary>True for a generated name that admits no user method at all: a private helper's, or a non-method's.
    /// </summary>
    internal static bool IsPrivateHelperName(string name)
        => System.Array.IndexOf(KnownNames.GeneratedMemberNames, name) >= 0
            && !KnownNames.GeneratedMethods.Any(g => g.Name == name);

    /// <summary>True when <paramref name="method"/> has the name, arity and parameter types of a generated method.
    /// </summary>
    internal static bool IsGeneratedSignature(IMethodSymbol method)
    {
        // C# tells overloads apart by whether a parameter is passed by reference, not by how: 'in' next to by-value is
        // an overload, 'out' next to 'ref' is a clash. So every ref kind counts as 'ref'.
        string[] parameters = method.Parameters
            .Select(p => (p.RefKind == RefKind.None ? "" : "ref ") + p.Type.ToDisplayString())
            .ToArray();
        return KnownNames.GeneratedMethods.Any(
                g => g.Name == method.Name && g.Arity == method.Arity && g.Parameters.SequenceEqual(parameters))
            || (method.Arity == KnownNames.KernelArity && KnownNames.GeneratedLayerMemberName.IsMatch(method.Name));
    }

    private static bool CheckTypeShape(
        INamedTypeSymbol type, Location? identifier, bool family, List<DiagnosticInfo> diagnostics)
    {
        // A family only holds its variants, so it may be static or a record; a network holds weights and can be
        // neither. A record's 'with' would copy the references to them (a deep copy would have to copy the user's own
        // members too), so the copy's Initialize or training would change the original, and records compare the
        // arrays by reference.
        // An abstract class cannot be constructed, and 'new Net()' is the contract (a family is a static class, which
        // metadata also calls abstract).
        bool recordClass = type.TypeKind == TypeKind.Class && type.IsRecord;
        bool abstractClass = type.TypeKind == TypeKind.Class && type.IsAbstract && !type.IsStatic;
        if (type.TypeKind != TypeKind.Class || abstractClass || (!family && (type.IsStatic || recordClass)))
        {
            string kind = type.IsStatic ? "a static class"
                : recordClass ? "a record class"
                : abstractClass ? "an abstract class"
                : type.IsRecord ? "a record struct"
                : type.TypeKind == TypeKind.Interface ? "an interface"
                : "a " + type.TypeKind.ToString().ToLowerInvariant();
            string copies = recordClass ? ", which a copy made with 'with' would share with the original"
                : abstractClass ? " and is created with 'new', which an abstract class refuses"
                : "";
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotAClass, identifier, type.Name, kind, copies));
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

        // A network contains members of fixed names; a family contains Variants, and variants whose names
        // CheckFamilyNames checks once the grid is read. Neither may share its type's name.
        string bare = type.Name;
        bool reserved = family ? bare == KnownNames.FamilyMemberName
            : System.Array.IndexOf(KnownNames.GeneratedMemberNames, bare) >= 0
                || KnownNames.GeneratedLayerMemberName.IsMatch(bare);
        if (reserved)
        {
            diagnostics.Add(
                Diagnostic(DiagnosticDescriptors.ReservedName, identifier, bare, family ? "family" : "network"));
            return false;
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
                        DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), current.Name,
                        Keyword(declaration)));
                    partial = false;
                }
            }
        }

        return partial;
    }

    /// <summary>Reports the interop attributes that the generated members cannot live with, on the attribute: an
    /// explicit layout wants a [FieldOffset] on every instance field (CS0625 on the weights and work buffers), and a
    /// [ComImport] class may have neither field initializers nor method bodies (CS8028, CS0423). A family's members
    /// are static, so only [ComImport] concerns it.</summary>
    private static bool CheckLayout(INamedTypeSymbol type, bool family, List<DiagnosticInfo> diagnostics)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            (string Name, string Problem)? found = attribute.AttributeClass?.ToDisplayString() switch
            {
                // LayoutKind.Explicit is 2, whichever constructor (LayoutKind or short) was called.
                "System.Runtime.InteropServices.StructLayoutAttribute"
                    when !family && attribute.ConstructorArguments.FirstOrDefault().Value is (int)2 or (short)2
                    => ("StructLayout(LayoutKind.Explicit)", "needs a [FieldOffset] on every instance field, and the "
                        + "generated ones (the weights and work buffers) have none"),
                "System.Runtime.InteropServices.ComImportAttribute"
                    => ("ComImport", "allows no field initializers and no method bodies, and the generated members "
                        + "have both"),
                _ => null,
            };
            if (found is { } layout)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.InteropLayout, Syntax(attribute), type.Name, layout.Name, layout.Problem));
                return false;
            }
        }

        return true;
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

        diagnostics.Add(Diagnostic(
            DiagnosticDescriptors.LayersSpread, Syntax(attributes.Dense[attributes.Dense.Count - 1]), type.Name));
        return false;
    }

    private static (LayerSpec? Layer, bool Varies) ReadLayer(
        AttributeData dense, int index, int fanIn, List<DiagnosticInfo> diagnostics)
    {
        // A constructor the compiler could not bind (missing or mistyped arguments) is already an error; no network.
        ImmutableArray<TypedConstant> arguments = dense.ConstructorArguments;
        if (dense.AttributeConstructor is null
            || arguments.Length is not (1 or 2 or 3)
            || arguments.Any(a => a.IsNull || a.Kind == TypedConstantKind.Error))
        {
            return (null, false);
        }

        string layerName = "Layer " + index.ToString(CultureInfo.InvariantCulture);
        int? units = ReadSize(dense, layerName + "'s unit count", diagnostics);
        bool varies = arguments.Length == 1;
        ActKind? activation = varies
            ? ActKind.Linear
            : ReadEnum<ActKind>(dense, arguments.Length - 1, "Act", Traits.MaxDefinedAct, diagnostics);
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
            return (null, varies);
        }

        // A varying layer keeps Alpha as written (NaN when absent) until each variant resolves it.
        var layer = new LayerSpec(
            fanIn,
            units.Value,
            init.Value,
            activation.Value,
            varies || !double.IsNaN(alpha) ? alpha : Traits.DefaultAlpha(activation.Value) ?? 0,
            value,
            min,
            max,
            mean,
            std,
            gain,
            bias);
        return (CheckInitArguments(layer, dense, layerName, varies, diagnostics) ? layer : null, varies);
    }

    private static string UniformProblem(LayerSpec layer, string layerName)
    {
        string rounded = layer.Min < layer.Max ? " as floats" : "";
        return $"{layerName}: Uniform needs Min < Max{rounded}, "
            + $"but Min = {Format(layer.Min)} and Max = {Format(layer.Max)}: "
            + "give a lower Min than Max, or leave both out for Keras's ±0.05";
    }

    private static string NormalProblem(LayerSpec layer, string layerName, string init)
    {
        string rounded = layer.Std > 0 ? " as a float" : "";
        return $"{layerName}: {init} needs a positive Std{rounded}, not {Format(layer.Std)}: "
            + "give a Std above 0, or leave it out for 0.05";
    }

    private static bool CheckInitArguments(
        LayerSpec layer, AttributeData dense, string layerName, bool varies, List<DiagnosticInfo> diagnostics)
    {
        // A varying layer's arguments are checked whatever the grid's initializers, as if each could use them. The
        // weights are floats: a range or a Std that is empty or zero once rounded to float gives constant weights.
        bool uniformValid = (float)layer.Min < (float)layer.Max;
        bool normalValid = (float)layer.Std > 0;
        string? problem = layer.Init switch
        {
            _ when varies && !uniformValid => UniformProblem(layer, layerName),
            _ when varies && !normalValid => NormalProblem(layer, layerName, "Normal"),
            InitKind.Uniform when !uniformValid => UniformProblem(layer, layerName),
            InitKind.Normal or InitKind.TruncatedNormal when !normalValid
                => NormalProblem(layer, layerName, layer.Init.ToString()),
            _ => null,
        };
        if (problem is not null)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidInitArgument, Syntax(dense), problem));
            return false;
        }

        // A valid distribution can still reach beyond float's range, where the runtime's draws become infinite.
        if (WeightRange.Problem(layer, layerName, varies) is not { } range)
        {
            return true;
        }

        diagnostics.Add(Diagnostic(
            DiagnosticDescriptors.InvalidInitArgument, NamedArgumentSyntax(dense, range.Argument), range.Message));
        return false;
    }

    private static LossKind? ReadLoss(
        AttributeData? lossAttribute, List<LayerSpec> layers, List<DiagnosticInfo> diagnostics)
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
                DiagnosticDescriptors.LossMismatch, Syntax(lossAttribute), need.Name, need.Needed.ToString(),
                last.ToString()));
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
            DiagnosticDescriptors.NonPositiveSize, ArgumentSyntax(attribute, 0), what,
            size.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    private static TEnum? ReadEnum<TEnum>(
        AttributeData attribute, int position, string enumName, int maxDefined, List<DiagnosticInfo> diagnostics)
        where TEnum : struct
    {
        if (attribute.ConstructorArguments.Length <= position
            || attribute.ConstructorArguments[position].Value is not int value)
        {
            return null;
        }

        if (value >= 0 && value <= maxDefined)
        {
            return (TEnum)(object)value;
        }

        string shown = EnumCast(enumName, value);
        diagnostics.Add(Diagnostic(
            DiagnosticDescriptors.UndefinedEnumValue, ArgumentSyntax(attribute, position), shown, enumName));
        return null;
    }

    /// <summary>An enum value as C# casts it: <c>(Act)99</c>, and <c>(Act)(-1)</c>, since <c>(Act)-1</c> reads as a
    /// subtraction (CS0075).</summary>
    private static string EnumCast(string enumName, int value)
    {
        string number = value.ToString(CultureInfo.InvariantCulture);
        return "(" + enumName + ")" + (value < 0 ? "(" + number + ")" : number);
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
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)
            => "record struct",
        RecordDeclarationSyntax => "record",
        _ => declaration.Keyword.ValueText,
    };

    internal static bool IsAttribute(AttributeData attribute, string metadataName)
        => attribute.AttributeClass?.ToDisplayString() == metadataName;

    internal static SyntaxNode? Syntax(AttributeData? attribute) => attribute?.ApplicationSyntaxReference?.GetSyntax();

    /// <summary>The argument that binds to the constructor parameter at <paramref name="position"/>, or the
    /// attribute when none is written (a default value): by name when it is written <c>units: 4</c>, otherwise by
    /// position, which C# requires of every unnamed argument, so <c>[Dense(activation: Act.ReLU, units: 4)]</c> points
    /// each diagnostic at the argument it is about.</summary>
    internal static SyntaxNode? ArgumentSyntax(AttributeData attribute, int position)
    {
        SyntaxNode? whole = Syntax(attribute);
        if (whole is not AttributeSyntax { ArgumentList: { } list })
        {
            return whole;
        }

        ImmutableArray<IParameterSymbol> parameters = attribute.AttributeConstructor?.Parameters ?? default;
        string? name = !parameters.IsDefault && position < parameters.Length ? parameters[position].Name : null;
        int index = 0;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            bool binds = argument.NameColon is { } colon ? colon.Name.Identifier.ValueText == name : index == position;
            if (binds)
            {
                return argument;
            }

            index++;
        }

        return whole;
    }

    internal static SyntaxNode? NamedArgumentSyntax(AttributeData attribute, string name)
        => Syntax(attribute) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) ?? (SyntaxNode)list
            : Syntax(attribute);

    internal static DiagnosticInfo Diagnostic(
        DiagnosticDescriptor descriptor, SyntaxNode? node, params string[] arguments)
        => Diagnostic(descriptor, node?.GetLocation(), arguments);

    internal static DiagnosticInfo Diagnostic(
        DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => new(descriptor, LocationInfo.From(location), arguments.ToEquatableArray(), EquatableArray<KeyValue>.Empty)
        {
            SourceLocation = location is { IsInSource: true } ? location : null,
        };

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
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.NonFiniteArgument, NamedArgumentSyntax(attribute, name), name,
                        Format(value)));
                    Valid = false;
                    return fallback;
                }

                return value;
            }

            return fallback;
        }
    }
}

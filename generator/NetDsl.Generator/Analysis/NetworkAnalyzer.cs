using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetDsl.Generator.Diagnostics;
using NetDsl.Generator.Model;
using NetDsl.Generator.Parsing;

namespace NetDsl.Generator.Analysis;

/// <summary>
/// Reports NetDsl's warnings (NDSL1xxx) while the user types, from the same parse the generator uses; the errors
/// come from the generator, which decides whether a network can be generated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SymmetricHiddenWeights,
        DiagnosticDescriptors.HeUnderSaturatingActivation,
        DiagnosticDescriptors.GlorotUnderDeepRelu,
        DiagnosticDescriptors.SeluWithoutLeCun,
        DiagnosticDescriptors.SlopeIgnored,
        DiagnosticDescriptors.UnusedArgument,
        DiagnosticDescriptors.SlowLossPair);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => NetworkParser.IsAttribute(a, KnownNames.InputAttribute)))
        {
            return;
        }

        foreach (DiagnosticInfo diagnostic in NetworkParser.Parse(type, context.CancellationToken).Diagnostics)
        {
            if (diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Warning)
            {
                context.ReportDiagnostic(
                    diagnostic.ToDiagnostic(diagnostic.SourceLocation ?? SourceLocation(type, diagnostic.Location)));
            }
        }
    }

    // The parse keeps locations as plain values; the IDE needs them in a syntax tree to draw squiggles and offer fixes.
    // Every warning sits inside one of the type's declarations (an attribute, an argument, the name), so the
    // declaration that contains the span is the place, not the first tree with the path: trees may share a path (an
    // empty one, in tests and scripts), and Roslyn rejects a diagnostic outside its file.
    private static Location SourceLocation(INamedTypeSymbol type, LocationInfo? location)
    {
        if (location is null)
        {
            return Location.None;
        }

        SyntaxReference? declaration = type.DeclaringSyntaxReferences.FirstOrDefault(
            reference => reference.SyntaxTree.FilePath == location.FilePath && reference.Span.Contains(location.Span));
        return declaration is null ? Location.None : Location.Create(declaration.SyntaxTree, location.Span);
    }
}

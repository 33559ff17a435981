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
                // The parse's own location, in its tree: the IDE draws squiggles and offers fixes there.
                context.ReportDiagnostic(diagnostic.ToDiagnostic(diagnostic.SourceLocation ?? Location.None));
            }
        }
    }
}

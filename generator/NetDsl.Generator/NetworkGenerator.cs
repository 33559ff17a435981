using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Generator.Emit;
using NetDsl.Generator.Model;
using NetDsl.Generator.Parsing;

namespace NetDsl.Generator;

/// <summary>
/// Turns every class marked [Input] into a network: the pipeline only. Parsing lives in <see cref="NetworkParser"/>,
/// emitting in <see cref="NetworkEmitter"/>, the warnings in the analyzer.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.InputAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken)
                    => ParseResult.Of((INamedTypeSymbol)context.TargetSymbol, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<DiagnosticInfo> orphanLayers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.DenseAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, _)
                    => NetworkParser.ParseOrphanLayers((INamedTypeSymbol)context.TargetSymbol, context.TargetNode))
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!.Detached)
            .WithTrackingName(TrackingNames.OrphanLayers);

        IncrementalValuesProvider<NetworkSpec> specs = networks
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        IncrementalValuesProvider<FamilySpec> families = networks
            .Where(static result => result.Family is not null)
            .Select(static (result, _) => result.Family!)
            .WithTrackingName(TrackingNames.Families);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> errors = networks
            .Select(static (result, _) => result.Errors)
            .WithTrackingName(TrackingNames.Errors);

        // Only the names are gathered across the project, so a change to one network still re-emits only that one.
        IncrementalValueProvider<EquatableArray<string>> collidingHints = specs
            .Select(static (spec, _) => spec.HintName)
            .Collect()
            .Combine(families.Select(static (family, _) => family.HintName).Collect())
            .Select(static (names, _) => HintNames.Colliding(names.Left.Concat(names.Right)))
            .WithTrackingName(TrackingNames.HintNames);

        context.RegisterSourceOutput(specs.Combine(collidingHints), static (output, pair)
            => output.AddSource(HintNames.Unique(pair.Left.HintName, pair.Right), NetworkEmitter.Emit(pair.Left)));
        context.RegisterSourceOutput(families.Combine(collidingHints), static (output, pair)
            => output.AddSource(HintNames.Unique(pair.Left.HintName, pair.Right), FamilyEmitter.Emit(pair.Left)));
        context.RegisterSourceOutput(errors, static (output, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
        context.RegisterSourceOutput(
            orphanLayers, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    /// <summary>What the generator keeps of one parse: the network or family when valid, and the errors (warnings
    /// belong to the analyzer, which reports them with the IDE's code fixes).</summary>
    private sealed record ParseResult(NetworkSpec? Spec, FamilySpec? Family, EquatableArray<DiagnosticInfo> Errors)
    {
        public static ParseResult Of(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
        {
            ParsedType parsed = NetworkParser.Parse(type, cancellationToken);
            return new ParseResult(
                parsed.Spec,
                parsed.Family,
                parsed.Diagnostics
                    .Where(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
                    .Select(d => d.Detached)
                    .ToEquatableArray());
        }
    }
}

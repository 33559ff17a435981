using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Generator.Parsing;

namespace NetDsl.CodeFixes;

/// <summary>
/// Replaces an initializer that does not suit its activation by the one the warning suggests:
/// <c>[Dense(64, Init.He, Act.Tanh)]</c> becomes <c>[Dense(64, Init.GlorotNormal, Act.Tanh)]</c>, keeping however the
/// user qualified the enum (a constant of the user's becomes <c>global::NetDsl.Init.GlorotNormal</c>) and dropping
/// the old initializer's distribution arguments, which the new one ignores.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwapInitializerCodeFix))]
[Shared]
public sealed class SwapInitializerCodeFix : CodeFixProvider
{
    // One key for every suggestion, so that Fix All applies each warning's own suggested initializer.
    private const string FixAllKey = "NetDsl.UseSuggestedInit";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create("NDSL1001", "NDSL1002", "NDSL1003", "NDSL1004", "NDSL1005");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = null;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ModelRules.SuggestedInit, out string? suggested) || suggested is null
                || root?.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax argument)
            {
                continue;
            }

            // Only an Init member's own qualifier (Init.He, NetDsl.Init.He, an alias I.He) names the enum: Choices.He
            // may be the user's constant, and Choices.GlorotNormal would not exist.
            bool keepsQualifier = false;
            if (argument.Expression is MemberAccessExpressionSyntax access)
            {
                model ??= await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                keepsQualifier = model?.GetSymbolInfo(access, context.CancellationToken).Symbol
                    is IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum } type }
                    && type.ToDisplayString() == "NetDsl.Init";
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use Init.{suggested}",
                    cancellationToken
                        => Swap(context.Document, root, argument, suggested, keepsQualifier, cancellationToken),
                    equivalenceKey: FixAllKey),
                diagnostic);
        }
    }

    private static Task<Document> Swap(
        Document document,
        SyntaxNode root,
        AttributeArgumentSyntax argument,
        string suggested,
        bool keepsQualifier,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ExpressionSyntax replacement = keepsQualifier && argument.Expression is MemberAccessExpressionSyntax access
            ? access.WithName(SyntaxFactory.IdentifierName(suggested))
            : SyntaxFactory.ParseExpression("global::NetDsl.Init." + suggested);
        ExpressionSyntax formatted = replacement.WithTriviaFrom(argument.Expression);
        if (argument.Parent is not AttributeArgumentListSyntax list)
        {
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, formatted)));
        }

        // The suggested initializers (He, Glorot, LeCun) take no distribution arguments: the old one's Value, Min,
        // Max, Mean, Std or Gain would only raise NDSL1006 next, so they go too. Named arguments follow the
        // positional ones, so the initializer keeps its position.
        int position = list.Arguments.IndexOf(argument);
        var distributionArguments = list.Arguments.Where(IsDistributionArgument).ToList();
        AttributeArgumentListSyntax trimmed =
            list.RemoveNodes(distributionArguments, SyntaxRemoveOptions.KeepNoTrivia) ?? list;
        AttributeArgumentSyntax kept = trimmed.Arguments[position];
        AttributeArgumentListSyntax swapped = trimmed.ReplaceNode(kept.Expression, formatted);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(list, swapped)));
    }

    private static bool IsDistributionArgument(AttributeArgumentSyntax argument)
        => argument.NameEquals?.Name.Identifier.ValueText is "Value" or "Min" or "Max" or "Mean" or "Std" or "Gain";
}

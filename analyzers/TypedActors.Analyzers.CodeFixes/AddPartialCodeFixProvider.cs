using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>TA1001 and TA1007: adds <c>partial</c> to the actor, or to every type it is nested in that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
public sealed class AddPartialCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ActorNotPartial.Id, DiagnosticDescriptors.ContainingTypeNotPartial.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            bool actorItself = diagnostic.Id == DiagnosticDescriptors.ActorNotPartial.Id;
            TypeDeclarationSyntax[] targets = actorItself
                ? [declaration]
                : [.. declaration.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !IsPartial(t))];
            if (targets.Length == 0)
            {
                continue;
            }

            string title = actorItself ? $"Make '{declaration.Identifier.Text}' partial" : "Make the containing types partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddPartialAsync(context.Document, root, targets, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static Task<Document> AddPartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax[] targets, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SyntaxNode updated = root.ReplaceNodes(targets, (original, rewritten) => AddPartial(rewritten));
        return Task.FromResult(document.WithSyntaxRoot(updated));
    }

    /// <summary>Adds <c>partial</c> last among the modifiers, where C# requires it.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (IsPartial(declaration))
        {
            return declaration;
        }

        if (declaration.Modifiers.Count == 0)
        {
            SyntaxToken keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithLeadingTrivia(keyword.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        SyntaxTokenList modifiers = declaration.Modifiers;
        SyntaxToken last = modifiers.Last();
        return declaration.WithModifiers(modifiers
            .Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space))
            .Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(last.TrailingTrivia)));
    }
}

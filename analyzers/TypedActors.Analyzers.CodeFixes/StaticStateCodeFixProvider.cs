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
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Analyzers.Isolation;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>
/// TA2001: turns the static field into an instance field of the actor (each actor then owns its copy), or, when it
/// holds an immutable value, makes it <c>static readonly</c>. The field may be declared in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StaticStateCodeFixProvider)), Shared]
public sealed class StaticStateCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.StaticMutableState.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode reference = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (model.GetSymbolInfo(reference, context.CancellationToken).Symbol is not IFieldSymbol field
                || field.DeclaringSyntaxReferences.FirstOrDefault() is not { } declarationReference)
            {
                continue;
            }

            if (diagnostic.Properties.ContainsKey(StaticStateAnalyzer.CanBeInstanceField))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{field.Name}' an instance field",
                        ct => ChangeModifiersAsync(context.Document.Project.Solution, declarationReference, RemoveStatic, ct),
                        equivalenceKey: StaticStateAnalyzer.CanBeInstanceField),
                    diagnostic);
            }

            if (diagnostic.Properties.ContainsKey(StaticStateAnalyzer.CanBeReadOnly)
                && !await IsWrittenAfterInitializationAsync(context.Document.Project.Solution, field, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{field.Name}' static readonly",
                        ct => ChangeModifiersAsync(context.Document.Project.Solution, declarationReference, AddReadOnly, ct),
                        equivalenceKey: StaticStateAnalyzer.CanBeReadOnly),
                    diagnostic);
            }
        }
    }

    private static SyntaxTokenList RemoveStatic(SyntaxTokenList modifiers)
    {
        SyntaxToken keyword = modifiers.First(m => m.IsKind(SyntaxKind.StaticKeyword));
        int index = modifiers.IndexOf(keyword);
        SyntaxTokenList removed = modifiers.RemoveAt(index);
        return index == 0 && removed.Count > 0
            ? removed.Replace(removed[0], removed[0].WithLeadingTrivia(keyword.LeadingTrivia))
            : removed;
    }

    private static SyntaxTokenList AddReadOnly(SyntaxTokenList modifiers)
    {
        SyntaxToken keyword = modifiers.First(m => m.IsKind(SyntaxKind.StaticKeyword));
        return modifiers.Insert(modifiers.IndexOf(keyword) + 1, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space));
    }

    private static async Task<Solution> ChangeModifiersAsync(
        Solution solution, SyntaxReference declarationReference, System.Func<SyntaxTokenList, SyntaxTokenList> change, CancellationToken cancellationToken)
    {
        SyntaxNode variable = await declarationReference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        if (variable.FirstAncestorOrSelf<FieldDeclarationSyntax>() is not { } declaration
            || solution.GetDocument(declaration.SyntaxTree) is not { } document)
        {
            return solution;
        }

        SyntaxNode root = await declaration.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
        SyntaxNode updated = root.ReplaceNode(declaration, declaration.WithModifiers(change(declaration.Modifiers)));
        return solution.WithDocumentSyntaxRoot(document.Id, updated);
    }

    /// <summary>True when any code outside the field's initializer assigns it, which <c>readonly</c> would forbid.</summary>
    private static async Task<bool> IsWrittenAfterInitializationAsync(Solution solution, IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (Document document in solution.Projects.SelectMany(p => p.Documents))
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = null;
            foreach (IdentifierNameSyntax name in root?.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == field.Name) ?? [])
            {
                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (model?.GetOperation(expression, cancellationToken) is IFieldReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Field, field)
                    && reference.IsWrittenTo())
                {
                    return true;
                }
            }
        }

        return false;
    }
}

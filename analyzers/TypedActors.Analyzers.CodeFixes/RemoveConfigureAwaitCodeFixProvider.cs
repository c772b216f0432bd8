using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>TA3004: removes the <c>.ConfigureAwait(false)</c> call, so the continuation stays on the actor's turn.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveConfigureAwaitCodeFixProvider)), Shared]
public sealed class RemoveConfigureAwaitCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConfigureAwaitFalse.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                { Expression: MemberAccessExpressionSyntax access } invocation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove ConfigureAwait(false)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(
                        root.ReplaceNode(invocation, access.Expression.WithTriviaFrom(invocation)))),
                    equivalenceKey: nameof(RemoveConfigureAwaitCodeFixProvider)),
                diagnostic);
        }
    }
}

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
using Microsoft.CodeAnalysis.Simplification;
using TypedActors.Analyzers.Concurrency;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.CodeFixes;

/// <summary>
/// TA3001: replaces <c>Thread.Sleep(x)</c> with <c>await Task.Delay(x)</c>. A method that is not yet async becomes
/// async: <c>void</c> turns into <c>Task</c>. Offered when the call is a statement or expression body of the method
/// itself and the method is async already or returns void (other return types would need their returns rewritten).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepCodeFixProvider)), Shared]
public sealed class ThreadSleepCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingCall.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics.Where(d => d.Properties.ContainsKey(BlockingCallAnalyzer.IsThreadSleep)))
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax sleep
                || sleep.FirstAncestorOrSelf<SyntaxNode>(IsFunction) is not MethodDeclarationSyntax method
                || !CanBecomeAsync(method)
                || sleep.Parent is not (ExpressionStatementSyntax or ArrowExpressionClauseSyntax))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Replace with 'await Task.Delay'",
                    ct => Task.FromResult(context.Document.WithSyntaxRoot(Rewrite(root, method, sleep, ct))),
                    equivalenceKey: nameof(ThreadSleepCodeFixProvider)),
                diagnostic);
        }
    }

    private static bool IsFunction(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax;

    private static bool IsAsync(MethodDeclarationSyntax method) => method.Modifiers.Any(SyntaxKind.AsyncKeyword);

    private static bool CanBecomeAsync(MethodDeclarationSyntax method) =>
        IsAsync(method) || method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

    private static SyntaxNode Rewrite(SyntaxNode root, MethodDeclarationSyntax method, InvocationExpressionSyntax sleep, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ExpressionSyntax delay = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation),
            sleep.ArgumentList);
        AwaitExpressionSyntax awaited = SyntaxFactory.AwaitExpression(delay).WithTriviaFrom(sleep);
        MethodDeclarationSyntax updated = method.ReplaceNode(sleep, awaited);
        if (!IsAsync(method))
        {
            TypeSyntax task = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
                .WithTriviaFrom(method.ReturnType)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            updated = updated
                .WithReturnType(task)
                .WithModifiers(updated.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            if (method.Modifiers.Count == 0)
            {
                updated = updated
                    .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.AsyncKeyword)
                        .WithLeadingTrivia(method.ReturnType.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space)))
                    .WithReturnType(task.WithLeadingTrivia());
            }
        }

        return root.ReplaceNode(method, updated);
    }
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Concurrency;

/// <summary>
/// TA3003: nothing in an actor may be <c>async void</c>. The actor cannot await it, so the code after its first
/// <c>await</c> runs while the actor handles other messages, and its exceptions bypass the actor's error handling.
/// An <c>async void</c> handler is already TA1002.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AsyncVoid);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, (start, actor) =>
        {
            start.RegisterSymbolEndAction(end =>
            {
                foreach (IMethodSymbol method in actor.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method is { IsAsync: true, ReturnsVoid: true } && !symbols.IsHandler(method))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.AsyncVoid, method.Locations.FirstOrDefault(), $"Method '{method.Name}'"));
                    }
                }
            });
            start.RegisterOperationAction(AnalyzeNestedFunction, OperationKind.AnonymousFunction, OperationKind.LocalFunction);
        });

    private static void AnalyzeNestedFunction(OperationAnalysisContext context)
    {
        (IMethodSymbol function, Location location, string what) = context.Operation switch
        {
            IAnonymousFunctionOperation lambda => (lambda.Symbol, AsyncKeyword(lambda.Syntax), "This lambda"),
            ILocalFunctionOperation local => (local.Symbol, ((LocalFunctionStatementSyntax)local.Syntax).Identifier.GetLocation(), $"Local function '{local.Symbol.Name}'"),
            _ => (null!, Location.None, ""),
        };
        if (function is { IsAsync: true, ReturnsVoid: true })
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoid, location, what));
        }
    }

    private static Location AsyncKeyword(SyntaxNode lambda) =>
        lambda is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: not 0 } function
            ? function.AsyncKeyword.GetLocation()
            : lambda.GetLocation();
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Concurrency;

/// <summary>
/// TA3002: an actor handles one message at a time, so a <c>lock</c> in it protects nothing of its own; it is a sign of
/// state shared with other threads, and it can block the actor's thread.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LockInActor);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, actor) =>
            start.RegisterOperationAction(
                operationContext =>
                {
                    Location location = operationContext.Operation.Syntax is LockStatementSyntax statement
                        ? statement.LockKeyword.GetLocation()
                        : operationContext.Operation.Syntax.GetLocation();
                    operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LockInActor, location, actor.Name));
                },
                OperationKind.Lock));
}

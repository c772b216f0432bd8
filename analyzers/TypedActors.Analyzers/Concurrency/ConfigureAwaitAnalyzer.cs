using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Concurrency;

/// <summary>
/// TA3004: the runtime posts an actor's continuations to the actor's SynchronizationContext, which is what keeps the
/// code after an <c>await</c> inside the actor's turn. <c>ConfigureAwait(false)</c> (or ConfigureAwaitOptions without
/// ContinueOnCapturedContext) opts out of it: the rest of the method then runs on the thread pool, concurrently with
/// the actor's next message.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigureAwaitAnalyzer : ActorAnalyzer
{
    private const int ContinueOnCapturedContext = 1; // System.Threading.Tasks.ConfigureAwaitOptions.ContinueOnCapturedContext

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ConfigureAwaitFalse);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, actor) =>
            start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (LeavesTheActor(invocation))
                    {
                        Location location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                            ? access.Name.GetLocation()
                            : invocation.Syntax.GetLocation();
                        operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConfigureAwaitFalse, location, actor.Name));
                    }
                },
                OperationKind.Invocation));

    private static bool LeavesTheActor(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name != "ConfigureAwait"
            || method.ContainingType is not { } type
            || SymbolNames.NamespaceOf(type) != "System.Threading.Tasks"
            || invocation.Arguments.Length == 0)
        {
            return false;
        }

        object? option = invocation.Arguments[invocation.Arguments.Length - 1].Value.ConstantValue is { HasValue: true } constant
            ? constant.Value
            : null;
        return option switch
        {
            bool continueOnCapturedContext => !continueOnCapturedContext,
            int flags => (flags & ContinueOnCapturedContext) == 0,
            _ => false,
        };
    }
}

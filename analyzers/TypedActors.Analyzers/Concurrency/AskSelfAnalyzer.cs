using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Concurrency;

/// <summary>
/// TA3005: an actor that asks itself waits for a reply that can only be produced after the current message is done;
/// actors are not reentrant, so the ask can only time out. Reported for <c>Ask</c> on <c>Self</c> or
/// <c>SelfAddress</c> in actor code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AskSelfAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AskSelf);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, _) =>
            start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name == "Ask"
                        && Messaging.Target(invocation) is IPropertyReferenceOperation { Property.Name: "Self" or "SelfAddress", Instance: var instance } self
                        && instance.IsThis())
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.AskSelf, invocation.Syntax.GetLocation(), self.Property.Name + ".Ask"));
                    }
                },
                OperationKind.Invocation));
}

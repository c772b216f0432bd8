using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1005: an actor instance is created only by Spawn, so that the only way to reach it is its reference. A
/// <c>new</c> is allowed inside the factory lambda given to the runtime: <c>Spawn</c> and <c>SpawnLinked</c> (on the
/// system or on a parent actor) and <c>ChildSpec.Of</c> (a supervisor re-runs it at every restart). The
/// runtime throws for any other <c>new</c>; this rule moves that failure to compile time. Object creations are the
/// one thing this rule must look at outside actor types, and it filters them on their type first.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ActorCreationAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ActorCreatedWithNew);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        context.RegisterOperationAction(
            operationContext =>
            {
                var creation = (IObjectCreationOperation)operationContext.Operation;
                if (ActorSymbols.IsActor(creation.Type) && !IsInSpawnFactory(creation))
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ActorCreatedWithNew, creation.Syntax.GetLocation(), creation.Type!.Name));
                }
            },
            OperationKind.ObjectCreation);

    private static bool IsInSpawnFactory(IOperation creation)
    {
        for (IOperation? current = creation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                return lambda.ParentThroughConversions() is IDelegateCreationOperation delegateCreation
                    && delegateCreation.ParentThroughConversions() is IArgumentOperation { Parent: IInvocationOperation invocation } argument
                    && (IsFactoryTaker(invocation.TargetMethod) || IsMarkedFactory(argument.Parameter));
            }
        }

        return false;
    }

    /// <summary>A parameter marked <c>[ActorFactory]</c>: its method promises to call the delegate only inside a spawn.</summary>
    private static bool IsMarkedFactory(IParameterSymbol? parameter) =>
        parameter is not null
        && parameter.GetAttributes().Any(a => ActorSymbols.IsTypedActorsType(a.AttributeClass, "ActorFactoryAttribute"));

    /// <summary>The runtime methods that take an actor factory and call it inside a spawn.</summary>
    private static bool IsFactoryTaker(IMethodSymbol method) => method.Name switch
    {
        "Spawn" => ActorSymbols.IsTypedActorsType(method.ContainingType, "ActorSystem")
            || ActorSymbols.IsTypedActorsType(method.ContainingType, "Actor"),
        "SpawnLinked" => ActorSymbols.IsTypedActorsType(method.ContainingType, "Actor"),
        "Of" => ActorSymbols.IsTypedActorsType(method.ContainingType, "ChildSpec"),
        _ => false,
    };
}

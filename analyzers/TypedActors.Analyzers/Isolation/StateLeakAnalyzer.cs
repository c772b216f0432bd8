using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Isolation;

/// <summary>
/// TA2002: an actor's state stays inside it. Reported for a non-private instance field, a settable property whose
/// setter is visible outside the actor (init-only is fine: it runs inside the Spawn factory), a handler that returns
/// one of its fields holding a mutable object, and a message that carries such a field.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateLeakAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ActorLeaksState);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        var mutability = new TypeMutability(context.Compilation);
        RegisterActorStartAction(context, symbols, (start, actor) =>
        {
            start.RegisterSymbolEndAction(end => ReportExposedMembers(end, actor));
            start.RegisterOperationAction(
                operationContext => AnalyzeReturn(operationContext, actor, symbols, mutability), OperationKind.Return);
            start.RegisterOperationAction(
                operationContext => AnalyzeSend(operationContext, actor, mutability), OperationKind.Invocation);
        });
    }

    private static void ReportExposedMembers(SymbolAnalysisContext context, INamedTypeSymbol actor)
    {
        foreach (ISymbol member in actor.GetMembers().Where(m => !m.IsStatic && !m.IsImplicitlyDeclared))
        {
            string? leak = member switch
            {
                IFieldSymbol field when IsVisibleOutside(field.DeclaredAccessibility) =>
                    $"field '{field.Name}' is {Describe(field.DeclaredAccessibility)}; make it private",
                IPropertySymbol { SetMethod: { IsInitOnly: false } setter } property when IsVisibleOutside(setter.DeclaredAccessibility) =>
                    $"property '{property.Name}' has a {Describe(setter.DeclaredAccessibility)} setter; make the setter private or init-only",
                _ => null,
            };
            if (leak is not null)
            {
                Report(context.ReportDiagnostic, member.Locations.FirstOrDefault(), actor, leak);
            }
        }
    }

    private static void AnalyzeReturn(OperationAnalysisContext context, INamedTypeSymbol actor, ActorSymbols symbols, TypeMutability mutability)
    {
        var returned = (IReturnOperation)context.Operation;
        if (returned.ReturnedValue is null || !symbols.IsHandler(context.ContainingSymbol) || returned.IsInsideNestedFunction()
            || ReturnsTheTaskItself(context.ContainingSymbol))
        {
            return;
        }

        foreach ((IFieldSymbol field, string reason) in MutableOwnFields(returned.ReturnedValue, mutability))
        {
            Report(context.ReportDiagnostic, returned.ReturnedValue.Syntax.GetLocation(), actor,
                $"handler '{context.ContainingSymbol.Name}' replies with its field '{field.Name}', a mutable '{field.Type.ToDisplayString()}' ({reason}); reply with a copy");
        }
    }

    /// <summary>
    /// A handler that is not async but returns a task hands back the task itself; the reply is the task's result,
    /// produced elsewhere. (In an async handler, <c>return x</c> returns the result, and is checked.)
    /// </summary>
    private static bool ReturnsTheTaskItself(ISymbol handler) =>
        handler is IMethodSymbol { IsAsync: false, ReturnType: INamedTypeSymbol returnType }
        && returnType.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
        && returnType.Name is "Task" or "ValueTask";

    private static void AnalyzeSend(OperationAnalysisContext context, INamedTypeSymbol actor, TypeMutability mutability)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (Messaging.Target(invocation) is null)
        {
            return;
        }

        IOperation message = Messaging.Message(invocation);
        foreach ((IFieldSymbol field, string reason) in MutableOwnFields(message, mutability))
        {
            Report(context.ReportDiagnostic, message.Syntax.GetLocation(), actor,
                $"a message sends its field '{field.Name}', a mutable '{field.Type.ToDisplayString()}' ({reason}); send a copy");
        }
    }

    /// <summary>The actor's own mutable fields that <paramref name="value"/> is, or that the object it builds directly holds.</summary>
    private static IEnumerable<(IFieldSymbol Field, string Reason)> MutableOwnFields(IOperation value, TypeMutability mutability)
    {
        IEnumerable<IOperation> parts = value.WithoutConversions() switch
        {
            IObjectCreationOperation creation => creation.Arguments.Select(a => a.Value)
                .Concat(creation.Initializer?.Initializers.OfType<IAssignmentOperation>().Select(a => a.Value) ?? []),
            IAnonymousObjectCreationOperation anonymous => anonymous.Initializers.OfType<IAssignmentOperation>().Select(a => a.Value),
            var single => [single],
        };

        foreach (IOperation part in parts)
        {
            if (part.WithoutConversions() is IFieldReferenceOperation { Field.IsStatic: false, Instance: var instance } reference
                && instance.IsThis()
                && mutability.MutabilityReason(reference.Field.Type) is { } reason)
            {
                yield return (reference.Field, reason);
            }
        }
    }

    private static bool IsVisibleOutside(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Describe(Accessibility accessibility) =>
        accessibility == Accessibility.ProtectedOrInternal ? "protected internal" : accessibility.ToString().ToLowerInvariant();

    private static void Report(System.Action<Diagnostic> report, Location? location, INamedTypeSymbol actor, string leak) =>
        report(Diagnostic.Create(DiagnosticDescriptors.ActorLeaksState, location, actor.Name, leak));
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Persistence;

/// <summary>
/// TA4001, TA4005, TA4007 on calls of <c>Persist</c>: the actor is <c>[Persistent]</c>, it has an <c>[Apply]</c> method
/// for every event type the call can be seen to persist, and the task the call returns is awaited or returned.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersistCallAnalyzer : ActorAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EventWithoutApply, DiagnosticDescriptors.PersistenceOutsidePersistentActor, DiagnosticDescriptors.PersistNotAwaited);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols) =>
        RegisterActorStartAction(context, symbols, static (start, actor) =>
            start.RegisterOperationAction(operation => Analyze(operation, actor), OperationKind.Invocation));

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol actor)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Persist" || !ActorSymbols.IsTypedActorsType(invocation.TargetMethod.ContainingType, "Actor")
            || invocation.Arguments.Length != 1)
        {
            return;
        }

        Location location = invocation.Syntax.GetLocation();
        if (!PersistenceShape.IsPersistent(actor))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PersistenceOutsidePersistentActor, location, actor.Name,
                "calls Persist but is not [Persistent]; mark the class [Persistent], give it an [Apply] method per event type, and spawn it with SpawnPersistentAsync"));
            return;
        }

        ITypeSymbol[] applied = [.. PersistenceShape.ValidApplyMethods(actor).Select(a => a.EventType)];
        foreach (ITypeSymbol eventType in EventTypes(invocation).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default))
        {
            if (!IsApplied(eventType, applied))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.EventWithoutApply, location, actor.Name, eventType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }

        if (invocation.Parent is IExpressionStatementOperation)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PersistNotAwaited, location, actor.Name));
        }
    }

    /// <summary>
    /// The static types of the events a call persists, as far as the code shows them: the argument of the one-event
    /// overload; the elements of an array or collection expression, or the element type of a sequence, for the other.
    /// <c>object</c> says nothing and is left to the run-time check.
    /// </summary>
    private static IEnumerable<ITypeSymbol> EventTypes(IInvocationOperation invocation)
    {
        IOperation argument = invocation.Arguments[0].Value;
        IOperation value = WithoutImplicitConversions(argument); // a cast is the writer's own choice of static type
        IEnumerable<ITypeSymbol?> types;
        if (invocation.TargetMethod.Parameters[0].Type.SpecialType == SpecialType.System_Object)
        {
            types = [value.Type];
        }
        else if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            types = initializer.ElementValues.Select(e => WithoutImplicitConversions(e).Type);
        }
        else if (argument.Syntax is ArgumentSyntax { Expression: CollectionExpressionSyntax collection } || argument.Syntax is CollectionExpressionSyntax)
        {
            CollectionExpressionSyntax elements = argument.Syntax as CollectionExpressionSyntax ?? (CollectionExpressionSyntax)((ArgumentSyntax)argument.Syntax).Expression;
            types = elements.Elements.OfType<ExpressionElementSyntax>().Select(e => invocation.SemanticModel!.GetTypeInfo(e.Expression).Type);
        }
        else
        {
            types = [ElementType(value.Type)];
        }

        return types.OfType<ITypeSymbol>().Where(t => t.SpecialType != SpecialType.System_Object && t is not IErrorTypeSymbol);
    }

    private static IOperation WithoutImplicitConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol? sequence) => sequence switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol named => named.AllInterfaces.Add(named)
            .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// An exact <c>[Apply]</c> for a type no other type derives from; for an interface or a base class, any
    /// <c>[Apply]</c> of a type that is one (which instances are passed is known only at run time).
    /// </summary>
    private static bool IsApplied(ITypeSymbol eventType, ITypeSymbol[] applied)
    {
        ITypeSymbol type = ActorShape.MessageType(eventType);
        if (applied.Any(a => SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.None), type.WithNullableAnnotation(NullableAnnotation.None))))
        {
            return true;
        }

        return (type.TypeKind == TypeKind.Interface || type.IsAbstract || !type.IsSealed && !type.IsValueType)
            && applied.Any(a => IsOrDerivesFrom(a, type));
    }

    private static bool IsOrDerivesFrom(ITypeSymbol candidate, ITypeSymbol type)
    {
        for (ITypeSymbol? current = candidate; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return candidate.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, type));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Isolation;

/// <summary>
/// TA2001: actor code must not share state through statics (the "module-level global" leak). Reported for every use,
/// in an actor's code, of: a static field that is not readonly; a static readonly field or get-only auto-property of
/// this compilation whose type is mutable (<c>static readonly List&lt;T&gt;</c>); a static property of this compilation
/// with a setter; and a write to any static property. Constants, immutable values and types on the allow-list
/// (<see cref="AllowedTypes"/>) are fine. Statics reached through a member chain are found because each member access
/// in the chain is checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticStateAnalyzer : ActorAnalyzer
{
    /// <summary>Diagnostic property: the static field is declared in the actor and can become an instance field.</summary>
    public const string CanBeInstanceField = nameof(CanBeInstanceField);

    /// <summary>Diagnostic property: the static field holds an immutable value and only needs <c>readonly</c>.</summary>
    public const string CanBeReadOnly = nameof(CanBeReadOnly);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.StaticMutableState);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        var mutability = new TypeMutability(context.Compilation);
        var allowed = new AllowedTypes(context.Options.AnalyzerConfigOptionsProvider);
        RegisterActorStartAction(context, symbols, (start, actor) =>
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, actor, mutability, allowed),
                OperationKind.FieldReference, OperationKind.PropertyReference));
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol actor, TypeMutability mutability, AllowedTypes allowed)
    {
        IOperation operation = context.Operation;
        (ISymbol? member, ITypeSymbol? type, string? reason) = operation switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } staticField } =>
                (staticField, staticField.Type, FieldReason(staticField, mutability)),
            IPropertyReferenceOperation { Property.IsStatic: true } reference =>
                ((ISymbol?)reference.Property, (ITypeSymbol?)reference.Property.Type, PropertyReason(reference, mutability)),
            _ => ((ISymbol?)null, (ITypeSymbol?)null, (string?)null),
        };
        if (member is null || type is null || reason is null || operation.IsInsideNameOf() || allowed.Allows(member, type, operation.Syntax.SyntaxTree))
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (member is IFieldSymbol field && mutability.Declares(field))
        {
            if (SymbolEqualityComparer.Default.Equals(field.ContainingType, actor))
            {
                properties = properties.Add(CanBeInstanceField, "true");
            }

            if (!field.IsReadOnly && mutability.IsImmutable(field.Type))
            {
                properties = properties.Add(CanBeReadOnly, "true");
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.StaticMutableState, operation.Syntax.GetLocation(), properties,
            actor.Name, SymbolNames.Short(member), reason));
    }

    private static string? FieldReason(IFieldSymbol field, TypeMutability mutability)
    {
        if (!field.IsReadOnly)
        {
            return "is not readonly";
        }

        return mutability.Declares(field) && mutability.MutabilityReason(field.Type) is { } why
            ? $"holds a mutable '{field.Type.ToDisplayString()}' ({why})"
            : null;
    }

    private static string? PropertyReason(IPropertyReferenceOperation reference, TypeMutability mutability)
    {
        IPropertySymbol property = reference.Property;
        if (reference.IsWrittenTo())
        {
            return "is written here";
        }

        if (!mutability.Declares(property))
        {
            return null; // another assembly's static getters (DateTime.Now, Console.Out) are not state this code owns
        }

        if (property.SetMethod is { IsInitOnly: false })
        {
            return "has a setter";
        }

        return TypeMutability.HasBackingField(property) && mutability.MutabilityReason(property.Type) is { } why
            ? $"holds a mutable '{property.Type.ToDisplayString()}' ({why})"
            : null;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;
using TypedActors.Generators.Actors;

namespace TypedActors.Generators.Persistence;

/// <summary>
/// Turns a <c>[Persistent]</c> class into a <see cref="PersistentActorModel"/>: its valid <c>[Apply]</c> methods and
/// its persisted members (<see cref="PersistenceShape"/>). A class the generator cannot extend (not partial, or not an
/// actor) yields none: the analyzers say why, and generating a second part would only add compiler errors.
/// </summary>
internal static class PersistentActorParser
{
    public static PersistentActorModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || !ActorShape.DerivesFromActor(type)
            || !ActorShape.CanBeExtended(type, cancellationToken))
        {
            return null;
        }

        var containing = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(ActorParser.Keyword(outer), outer.Name, TypeParameterText.List(outer)));
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string nested = string.Join(".", containing.Select(c => c.Name + ActorParser.Arity(c.TypeParameters)).Concat([type.Name + ActorParser.Arity(TypeParameterText.List(type))]));
        cancellationToken.ThrowIfCancellationRequested();
        return new PersistentActorModel(
            Namespace: ns,
            Name: type.Name,
            TypeParameters: TypeParameterText.List(type),
            DisplayName: type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            HintName: (ns.Length == 0 ? "" : ns + ".") + nested + ".Persistence.g.cs",
            ContainingTypes: containing.ToEquatableArray(),
            SnapshotEvery: PersistenceShape.SnapshotEvery(type),
            Events: Events(type).ToEquatableArray(),
            Fields: Fields(type).ToEquatableArray());
    }

    /// <summary>The valid <c>[Apply]</c> methods, most derived event type first, so no type pattern hides a later one.</summary>
    private static IEnumerable<EventModel> Events(INamedTypeSymbol type) =>
        PersistenceShape.ValidApplyMethods(type)
            .Select((apply, index) => (apply, index))
            .OrderByDescending(x => Depth(x.apply.EventType))
            .ThenBy(x => x.index)
            .Select(x => new EventModel(
                x.apply.Method.Name,
                x.apply.EventType.ToDisplayString(ActorShape.RuntimeTypeFormat),
                x.apply.EventType is INamedTypeSymbol named ? TypeNames.Wire(named) : TypeNames.Display(x.apply.EventType),
                x.apply.EventType.IsValueType));

    private static IEnumerable<PersistedFieldModel> Fields(INamedTypeSymbol type)
    {
        foreach ((IFieldSymbol field, IPropertySymbol? property) in PersistenceShape.PersistedMembers(type))
        {
            if (PersistenceShape.MemberProblem(type, field, property) is not null)
            {
                continue; // reported as TA4006 by the copy pipeline, which roots the persisted types
            }

            ISymbol member = (ISymbol?)property ?? field;
            FieldWrite write = property is null
                ? field.IsReadOnly ? FieldWrite.ReadonlyField : FieldWrite.Assign
                : property.SetMethod is { IsInitOnly: false } ? FieldWrite.Assign : FieldWrite.BackingField;
            yield return new PersistedFieldModel(
                Key: WireNames.Of(member),
                Member: TypeNames.Escape(member.Name),
                Type: field.Type.ToDisplayString(ActorShape.TypeFormat),
                Write: write,
                BackingField: write == FieldWrite.BackingField ? field.Name : null,
                RejectsNil: field.Type.IsReferenceType && field.Type.NullableAnnotation == NullableAnnotation.NotAnnotated);
        }
    }

    private static int Depth(ITypeSymbol type)
    {
        int depth = type.TypeKind == TypeKind.Interface ? 0 : 1;
        for (ITypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Shared;

/// <summary>
/// What makes an actor persistent, a method a valid <c>[Apply]</c> method and a member part of the persisted state.
/// The one definition shared by the generator (which dispatches events to the valid methods and writes the snapshot
/// of the persisted members) and the analyzers (which report what is invalid), as <see cref="ActorShape"/> is for
/// actors and handlers.
/// </summary>
internal static class PersistenceShape
{
    public const string PersistentAttributeMetadataName = "TypedActors.PersistentAttribute";
    public const string ApplyAttributeMetadataName = "TypedActors.ApplyAttribute";
    public const int DefaultSnapshotEvery = 1000;

    public static bool IsPersistent(INamedTypeSymbol type) => HasAttribute(type, "PersistentAttribute");

    public static bool IsApply(IMethodSymbol method) => HasAttribute(method, "ApplyAttribute");

    /// <summary>The <c>SnapshotEvery</c> of a <c>[Persistent]</c> class, or the default when it names none.</summary>
    public static int SnapshotEvery(INamedTypeSymbol type)
    {
        AttributeData? attribute = type.GetAttributes().FirstOrDefault(a => IsTypedActorsAttribute(a.AttributeClass, "PersistentAttribute"));
        if (attribute is null)
        {
            return DefaultSnapshotEvery;
        }

        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "SnapshotEvery" && argument.Value.Value is int every)
            {
                return every;
            }
        }

        return DefaultSnapshotEvery;
    }

    /// <summary>Why <paramref name="method"/> cannot be an <c>[Apply]</c> method, or null when it can (its body is checked apart).</summary>
    public static string? ApplySignatureProblem(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return "it must be an instance method, since it changes the actor's fields";
        }

        if (method.IsAsync)
        {
            return "it must not be async: recovery applies events one after another, with nothing awaited in between";
        }

        if (!method.ReturnsVoid)
        {
            return "it must return void: it only changes the actor's fields";
        }

        if (method.IsGenericMethod)
        {
            return "it must not be generic";
        }

        if (method.Parameters.Length != 1)
        {
            return "it must take the event as its only parameter";
        }

        IParameterSymbol parameter = method.Parameters[0];
        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            return "the event parameter must be passed by value";
        }

        ITypeSymbol type = parameter.Type;
        if (type is ITypeParameterSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IErrorTypeSymbol or IDynamicTypeSymbol
            || type.IsRefLikeType || type.SpecialType == SpecialType.System_Object)
        {
            return $"'{type.ToDisplayString()}' cannot be an event type; apply a specific event type";
        }

        return null;
    }

    /// <summary>The event type an <c>[Apply]</c> parameter takes: <c>T?</c> of a value type applies <c>T</c>.</summary>
    public static ITypeSymbol EventType(IMethodSymbol method) => ActorShape.MessageType(method.Parameters[0].Type);

    /// <summary>
    /// Every valid <c>[Apply]</c> method <paramref name="type"/> declares, with the earlier method for the same event
    /// type when there is one (a duplicate, which is invalid).
    /// </summary>
    public static IEnumerable<(IMethodSymbol Method, ITypeSymbol EventType, IMethodSymbol? FirstForEventType)> ApplyMethodsByEventType(INamedTypeSymbol type)
    {
        var seen = new Dictionary<string, IMethodSymbol>();
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>().Where(IsApply))
        {
            if (ApplySignatureProblem(method) is not null)
            {
                continue;
            }

            ITypeSymbol eventType = EventType(method);
            string key = ActorShape.MessageTypeKey(eventType);
            if (seen.TryGetValue(key, out IMethodSymbol? first))
            {
                yield return (method, eventType, first);
                continue;
            }

            seen.Add(key, method);
            yield return (method, eventType, null);
        }
    }

    /// <summary>The valid <c>[Apply]</c> methods, the first per event type.</summary>
    public static IEnumerable<(IMethodSymbol Method, ITypeSymbol EventType)> ValidApplyMethods(INamedTypeSymbol type) =>
        ApplyMethodsByEventType(type).Where(a => a.FirstForEventType is null).Select(a => (a.Method, a.EventType));

    /// <summary>
    /// The members whose values make up the persisted state of <paramref name="type"/>: every instance field it
    /// declares, of any accessibility and readonly ones included, and the backing field of every auto-property,
    /// except members marked <c>[NotState]</c> (which the constructor must rebuild, such as injected services).
    /// Each is returned as the field and, for an auto-property, the property.
    /// </summary>
    public static IEnumerable<(IFieldSymbol Field, IPropertySymbol? Property)> PersistedMembers(INamedTypeSymbol type)
    {
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst)
            {
                continue;
            }

            IPropertySymbol? property = field.AssociatedSymbol as IPropertySymbol;
            if (field.IsImplicitlyDeclared && property is null)
            {
                continue; // compiler-generated storage of something else (e.g. a primary constructor parameter)
            }

            if (HasAttribute(field, "NotStateAttribute") || (property is not null && HasAttribute(property, "NotStateAttribute")))
            {
                continue;
            }

            yield return (field, property);
        }
    }

    /// <summary>Why generated code cannot write a persisted member back when restoring a snapshot, or null when it can.</summary>
    public static string? MemberProblem(INamedTypeSymbol type, IFieldSymbol field, IPropertySymbol? property)
    {
        if (field.IsFixedSizeBuffer)
        {
            return "is a fixed-size buffer, which cannot be stored";
        }

        bool generic = false;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            generic |= current.TypeParameters.Length > 0;
        }

        return property is { SetMethod: null or { IsInitOnly: true } } && generic
            ? "is an auto-property without a set accessor in a generic actor, whose storage generated code cannot reach; give it a private setter"
            : null;
    }

    /// <summary>The fields of base actor classes (between <paramref name="type"/> and Actor) that would be persisted there.</summary>
    public static IEnumerable<(INamedTypeSymbol Base, IFieldSymbol Field, IPropertySymbol? Property)> BaseClassMembers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null && !ActorShape.IsActorBase(current); current = current.BaseType)
        {
            foreach ((IFieldSymbol field, IPropertySymbol? property) in PersistedMembers(current))
            {
                yield return (current, field, property);
            }
        }
    }

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => IsTypedActorsAttribute(a.AttributeClass, name));

    private static bool IsTypedActorsAttribute(INamedTypeSymbol? attribute, string name) =>
        attribute is { ContainingType: null, ContainingNamespace: { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true } }
        && attribute.Name == name;
}

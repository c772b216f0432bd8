using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>Recognises the framework types a message may contain, and the ones it must not.</summary>
internal static class TypeClassifier
{
    private const string Formatters = "global::MessagePack.Formatters.";
    private const string ImmutableFormatters = "global::MessagePack.ImmutableCollection.";

    private static readonly HashSet<string> ScalarNames =
    [
        "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly", "System.Half",
        "System.Numerics.BigInteger", "System.Uri", "System.Version",
    ];

    /// <summary>Generic framework types with a known shape, by metadata name of their definition.</summary>
    private static readonly Dictionary<string, (ShapeKind Kind, string? Formatter)> Generics = new()
    {
        ["System.Collections.Generic.List`1"] = (ShapeKind.List, Formatters + "ListFormatter"),
        ["System.Collections.Generic.HashSet`1"] = (ShapeKind.HashSet, Formatters + "HashSetFormatter"),
        ["System.Collections.Generic.Dictionary`2"] = (ShapeKind.Dictionary, Formatters + "DictionaryFormatter"),
        ["System.Collections.Generic.IEnumerable`1"] = (ShapeKind.Sequence, Formatters + "InterfaceEnumerableFormatter"),
        ["System.Collections.Generic.IReadOnlyCollection`1"] = (ShapeKind.Sequence, Formatters + "InterfaceReadOnlyCollectionFormatter"),
        ["System.Collections.Generic.IReadOnlyList`1"] = (ShapeKind.Sequence, Formatters + "InterfaceReadOnlyListFormatter"),
        ["System.Collections.Generic.IList`1"] = (ShapeKind.ListInterface, Formatters + "InterfaceListFormatter2"),
        ["System.Collections.Generic.ICollection`1"] = (ShapeKind.ListInterface, Formatters + "InterfaceCollectionFormatter2"),
        ["System.Collections.Generic.IDictionary`2"] = (ShapeKind.DictionaryInterface, Formatters + "InterfaceDictionaryFormatter"),
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = (ShapeKind.DictionaryInterface, Formatters + "InterfaceReadOnlyDictionaryFormatter"),
        ["System.Collections.Immutable.ImmutableArray`1"] = (ShapeKind.ImmutableArray, ImmutableFormatters + "ImmutableArrayFormatter"),
        ["System.Collections.Immutable.ImmutableList`1"] = (ShapeKind.ImmutableList, ImmutableFormatters + "ImmutableListFormatter"),
        ["System.Collections.Immutable.ImmutableHashSet`1"] = (ShapeKind.ImmutableHashSet, ImmutableFormatters + "ImmutableHashSetFormatter"),
        ["System.Collections.Immutable.ImmutableDictionary`2"] = (ShapeKind.ImmutableDictionary, ImmutableFormatters + "ImmutableDictionaryFormatter"),
        ["TypedActors.ActorRef`1"] = (ShapeKind.ActorRef, "global::TypedActors.CompilerServices.ActorRefFormatter"),
    };

    public static string MetadataName(INamedTypeSymbol type)
    {
        INamedTypeSymbol definition = type.OriginalDefinition;
        return definition.ContainingNamespace.IsGlobalNamespace
            ? definition.MetadataName
            : definition.ContainingNamespace.ToDisplayString() + "." + definition.MetadataName;
    }

    public static bool IsScalar(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String and not SpecialType.System_IntPtr
            and not SpecialType.System_UIntPtr
        || type.SpecialType == SpecialType.System_DateTime
        || (type is INamedTypeSymbol named && ScalarNames.Contains(MetadataName(named)));

    /// <summary>A framework generic with a known shape, or null.</summary>
    public static (ShapeKind Kind, string? Formatter)? KnownGeneric(INamedTypeSymbol type)
    {
        if (type.IsTupleType)
        {
            return type.TupleElements.Length <= 7 ? (ShapeKind.ValueTuple, Formatters + "ValueTupleFormatter") : null;
        }

        string name = MetadataName(type);
        if (name.StartsWith("System.Tuple`", System.StringComparison.Ordinal) && type.TypeArguments.Length <= 7)
        {
            return (ShapeKind.Tuple, Formatters + "TupleFormatter");
        }

        return Generics.TryGetValue(name, out (ShapeKind, string?) known) ? known : null;
    }

    /// <summary>Why a type can never be part of a message, or null when it may be.</summary>
    public static string? Forbidden(ITypeSymbol type)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer";
            case ITypeParameterSymbol parameter:
                return $"the open type parameter '{parameter.Name}'";
            case IDynamicTypeSymbol:
                return "'dynamic'; use a concrete type";
            case IArrayTypeSymbol { Rank: > 1 }:
                return "a multi-dimensional array; use a jagged array or a list";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "'object'; use a concrete type, so its copier is known at compile time";
        }

        if (type.IsRefLikeType)
        {
            return $"the ref struct '{TypeNames.Display(type)}', which cannot be stored in a message";
        }

        if (type.TypeKind == TypeKind.Delegate || type.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return $"the delegate '{TypeNames.Display(type)}'; code cannot be copied to another actor";
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        string name = MetadataName(named);
        if (name.StartsWith("System.Threading.Tasks.", System.StringComparison.Ordinal))
        {
            return $"the task '{TypeNames.Display(type)}'; send the result once it is available";
        }

        if (name == "System.Threading.CancellationToken")
        {
            return "a CancellationToken, which belongs to the sender";
        }

        for (INamedTypeSymbol? current = named; current is not null; current = current.BaseType)
        {
            string currentName = MetadataName(current);
            if (currentName == "System.IO.Stream")
            {
                return $"the stream '{TypeNames.Display(type)}'; send its bytes instead";
            }

            if (currentName == "TypedActors.Actor")
            {
                return $"the actor '{TypeNames.Display(type)}'; send its ActorRef<{type.Name}> instead";
            }
        }

        if (IsFramework(named) && !IsScalar(named) && KnownGeneric(named) is null && named.TypeKind != TypeKind.Enum
            && name != "System.Nullable`1" && name != "TypedActors.Address")
        {
            return $"the framework type '{TypeNames.Display(type)}', which is not a supported message shape";
        }

        return null;
    }

    /// <summary>Types of the framework itself, whose internals the generator does not copy member by member.</summary>
    private static bool IsFramework(INamedTypeSymbol type)
    {
        INamespaceSymbol? root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root?.Name is "System" or "Microsoft";
    }

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);
}

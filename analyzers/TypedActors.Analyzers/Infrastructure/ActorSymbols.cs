using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Parsing;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>The TypedActors types of one compilation; absent when the compilation does not reference TypedActors.</summary>
internal sealed class ActorSymbols
{
    private ActorSymbols(INamedTypeSymbol actor, INamedTypeSymbol? receiveAttribute)
    {
        Actor = actor;
        ReceiveAttribute = receiveAttribute;
    }

    public INamedTypeSymbol Actor { get; }

    public INamedTypeSymbol? ReceiveAttribute { get; }

    public static ActorSymbols? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName(ActorShape.ActorMetadataName) is { } actor
            ? new ActorSymbols(actor, compilation.GetTypeByMetadataName(ActorShape.ReceiveAttributeMetadataName))
            : null;

    /// <summary>True for a class deriving (directly or not) from <c>TypedActors.Actor</c>.</summary>
    public bool IsActor(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class })
        {
            return false;
        }

        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Actor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a method marked <c>[Receive]</c>.</summary>
    public bool IsHandler(ISymbol? symbol) =>
        ReceiveAttribute is not null
        && symbol is IMethodSymbol method
        && method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ReceiveAttribute));

    /// <summary>True for <c>TypedActors.{name}</c> (generic arity ignored).</summary>
    public static bool IsTypedActorsType(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { ContainingType: null } named
        && named.Name == name
        && named.ContainingNamespace is { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true };
}

using Microsoft.CodeAnalysis;
using TypedActors.Generators.Shared;

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

    /// <summary>True for a class deriving (directly or not) from <c>TypedActors.Actor</c>: the generator's own test.</summary>
    public static bool IsActor(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && ActorShape.DerivesFromActor(named);

    /// <summary>True for a method marked <c>[Receive]</c>.</summary>
    public bool IsHandler(ISymbol? symbol) =>
        ReceiveAttribute is not null && symbol is IMethodSymbol method && ActorShape.IsHandler(method);

    /// <summary>True for <c>TypedActors.{name}</c> (generic arity ignored).</summary>
    public static bool IsTypedActorsType(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { ContainingType: null } named
        && named.Name == name
        && named.ContainingNamespace is { Name: "TypedActors", ContainingNamespace.IsGlobalNamespace: true };
}

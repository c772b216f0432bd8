using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>
/// The parser's working graph, mutable while the types are walked and the proofs run; it holds symbols and never
/// leaves the parser (the pipeline only sees the frozen <see cref="TypeRef"/> and <see cref="MessageTypeModel"/>).
/// </summary>
internal sealed class TypeNode
{
    public TypeNode(ShapeKind kind, string name, bool isValueType)
    {
        Kind = kind;
        Name = name;
        IsValueType = isValueType;
    }

    public ShapeKind Kind { get; }

    public string Name { get; }

    public bool IsValueType { get; }

    public List<TypeNode> Arguments { get; } = [];

    /// <summary>For <see cref="ShapeKind.Object"/>.</summary>
    public ObjectNode? Object { get; init; }

    /// <summary>For <see cref="ShapeKind.Unsupported"/>: why, as the end of "'Order.Callback' is ...".</summary>
    public string? Problem { get; init; }

    public string? FormatterType { get; init; }

    public bool IsRuntimeType { get; init; } = true;

    public bool IsCopyable => Kind switch
    {
        // A framework type with no message shape is still passed by reference when the proof finds it immutable
        // (Regex, Type): only its wire format is missing, which TA2006 reports.
        ShapeKind.Unsupported => IsImmutable,
        ShapeKind.Object => Object!.IsCopyable,
        _ => Arguments.TrueForAll(a => a.IsCopyable),
    };

    /// <summary>The immutability proof's verdict on this type (see <c>Shared/ImmutabilityProof.cs</c>).</summary>
    public bool IsImmutable { get; set; }
}

/// <summary>A member the copier carries, while the graph is built.</summary>
internal sealed record PlanMember(string Name, string WireName, string DeclaredType, TypeNode Node, bool ViaConstructor);

/// <summary>An object-shaped type (record, class, struct, interface) in the working graph.</summary>
internal sealed class ObjectNode
{
    public ObjectNode(INamedTypeSymbol symbol, string name)
    {
        Symbol = symbol;
        Name = name;
    }

    public INamedTypeSymbol Symbol { get; }

    public string Name { get; }

    public ObjectShape Shape { get; set; }

    public bool IsSealed { get; set; }

    public bool UsesMessagePackAttribute { get; set; }

    /// <summary>What the copier and formatter carry: constructor parameters first, then settable members.</summary>
    public List<PlanMember> Plan { get; } = [];

    /// <summary>Why the type cannot be rebuilt from its members, or null.</summary>
    public string? PlanProblem { get; set; }

    public List<ObjectNode> Derived { get; } = [];

    public bool IsImmutable { get; set; }

    public string Verdict { get; set; } = "";

    public bool IsCopyable { get; set; } = true;

    public bool IsRecursive { get; set; }
}

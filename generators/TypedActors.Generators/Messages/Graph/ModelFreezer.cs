using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>Turns the working graph into the equatable records the pipeline caches and the emitters read.</summary>
internal static class ModelFreezer
{
    public static TypeRef Freeze(TypeNode node) => new(
        node.Kind,
        node.Name,
        node.Arguments.Select(Freeze).ToEquatableArray(),
        node.IsImmutable,
        node.IsCopyable,
        node.IsValueType,
        node.IsRuntimeType,
        node.Object is { } o ? TypeNames.Id(o.Name) : null,
        node.FormatterType);

    /// <summary>The models of every copyable object type a copy of the roots can reach.</summary>
    public static IEnumerable<MessageTypeModel> Models(IEnumerable<TypeNode> roots)
    {
        var reached = new HashSet<ObjectNode>();
        var pending = new Stack<ObjectNode>(roots.SelectMany(ObjectsIn));
        while (pending.Count > 0)
        {
            ObjectNode node = pending.Pop();
            if (!reached.Add(node))
            {
                continue;
            }

            foreach (ObjectNode next in node.Plan.SelectMany(m => ObjectsIn(m.Node)).Concat(node.Derived))
            {
                pending.Push(next);
            }
        }

        return reached.Where(n => n.IsCopyable).OrderBy(n => n.Name, System.StringComparer.Ordinal).Select(Model);
    }

    private static MessageTypeModel Model(ObjectNode node)
    {
        string display = TypeNames.Display(node.Symbol);
        return new MessageTypeModel(
            Id: TypeNames.Id(node.Name),
            Name: node.Name,
            DisplayName: display,
            WireName: TypeNames.Wire(node.Symbol),
            HintName: TypeNames.Hint(display),
            Shape: node.Shape,
            IsSealed: node.IsSealed,
            IsRecursive: node.IsRecursive,
            IsImmutable: node.IsImmutable,
            Verdict: node.Verdict,
            UsesMessagePackAttribute: node.UsesMessagePackAttribute,
            SerializationProblem: SerializationProblem(node),
            Members: node.Plan.Select(m => new MemberModel(m.Name, m.WireName, m.DeclaredType, Freeze(m.Node), m.ViaConstructor)).ToEquatableArray(),
            Derived: node.Derived
                .Where(d => d.IsCopyable)
                .OrderByDescending(d => Depth(d.Symbol))
                .ThenBy(d => d.Name, System.StringComparer.Ordinal)
                .Select(d => new DerivedTypeModel(
                    TypeNames.Id(d.Name), d.Name, TypeNames.Wire(d.Symbol), !d.UsesMessagePackAttribute && SerializationProblem(d) is null))
                .ToEquatableArray());
    }

    private static string? SerializationProblem(ObjectNode node) =>
        node.PlanProblem
        ?? node.Plan.Where(m => !m.Node.IsCopyable).Select(m => $"member '{m.Name}' cannot be serialized").FirstOrDefault();

    private static IEnumerable<ObjectNode> ObjectsIn(TypeNode type) =>
        type.Object is { } node ? [node] : type.Arguments.SelectMany(ObjectsIn);

    private static int Depth(INamedTypeSymbol type)
    {
        int depth = 0;
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }
}

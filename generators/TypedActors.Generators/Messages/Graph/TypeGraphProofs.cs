using System.Collections.Generic;
using System.Linq;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>
/// Decides, for every object node of a walked graph, whether it can be copied and whether it can reach itself.
/// Immutability is the shared proof's (<c>Shared/ImmutabilityProof.cs</c>, the analyzers' too): an immutable type is
/// passed by reference and needs no copy. Copyability is a fixed point: a type is assumed copyable until one of its
/// members proves otherwise.
/// </summary>
internal static class TypeGraphProofs
{
    public static void Run(IReadOnlyCollection<ObjectNode> objects)
    {
        ProveCopyability(objects);
        FindRecursion(objects);
    }

    private static void ProveCopyability(IReadOnlyCollection<ObjectNode> objects)
    {
        foreach (ObjectNode node in objects)
        {
            node.IsCopyable = node.IsImmutable || node.PlanProblem is null;
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (ObjectNode node in objects.Where(n => n.IsCopyable && !n.IsImmutable))
            {
                if (node.Plan.Any(m => !m.Node.IsCopyable))
                {
                    node.IsCopyable = false;
                    changed = true;
                }
            }
        }
    }

    /// <summary>A type is recursive when it can reach itself through members, type arguments or derived types.</summary>
    private static void FindRecursion(IReadOnlyCollection<ObjectNode> objects)
    {
        foreach (ObjectNode node in objects)
        {
            var seen = new HashSet<ObjectNode>();
            var stack = new Stack<ObjectNode>(Successors(node));
            while (stack.Count > 0)
            {
                ObjectNode next = stack.Pop();
                if (next == node)
                {
                    node.IsRecursive = true;
                    break;
                }

                if (seen.Add(next))
                {
                    foreach (ObjectNode successor in Successors(next))
                    {
                        stack.Push(successor);
                    }
                }
            }
        }
    }

    private static IEnumerable<ObjectNode> Successors(ObjectNode node) =>
        node.Plan.SelectMany(m => ObjectsIn(m.Node)).Concat(node.Derived);

    private static IEnumerable<ObjectNode> ObjectsIn(TypeNode type) =>
        type.Object is { } node ? [node] : type.Arguments.SelectMany(ObjectsIn);

}

using System.Collections.Generic;
using System.Linq;

namespace TypedActors.Generators.Copying;

/// <summary>
/// Decides, for every object node of a walked graph, whether it is deeply immutable, whether it can be copied, and
/// whether it can reach itself. Recursive types make these fixed points: a type is assumed immutable (and copyable)
/// until one of its members proves otherwise, so <c>sealed record Node(int Value, Node? Next)</c> is immutable.
/// </summary>
internal static class TypeGraphProofs
{
    public static void Run(IReadOnlyCollection<ObjectNode> objects)
    {
        ProveImmutability(objects);
        ProveCopyability(objects);
        FindRecursion(objects);
    }

    private static void ProveImmutability(IReadOnlyCollection<ObjectNode> objects)
    {
        foreach (ObjectNode node in objects)
        {
            node.IsImmutable = node.IsAsserted || node.LocalMutability is null;
            node.Verdict = node.IsAsserted ? "immutable: declared [Immutable]"
                : node.LocalMutability is { } reason ? "mutable: " + reason
                : "";
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (ObjectNode node in objects.Where(n => n.IsImmutable && !n.IsAsserted))
            {
                foreach ((string name, TypeNode member) in node.State)
                {
                    if (!member.IsImmutable)
                    {
                        node.IsImmutable = false;
                        node.Verdict = $"mutable: member '{name}' ({Short(member.Name)}) {member.MutabilityReason}";
                        changed = true;
                        break;
                    }
                }
            }
        }

        foreach (ObjectNode node in objects.Where(n => n.IsImmutable && !n.IsAsserted))
        {
            node.Verdict = node.Symbol.IsValueType
                ? "immutable: a value type whose members are all of immutable types"
                : "immutable: sealed, every field readonly and of an immutable type";
        }
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

    private static string Short(string name) => name.Replace("global::", "");
}

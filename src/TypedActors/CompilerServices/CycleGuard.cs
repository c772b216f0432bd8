using System.ComponentModel;

namespace TypedActors.CompilerServices;

/// <summary>
/// Keeps generated copiers and serializers of recursive types from recursing forever. Each thread keeps the chain of
/// objects being copied; meeting one of them again is a reference cycle, and the chain may not grow beyond
/// <see cref="MaxDepth"/>. Only types that can reach themselves through their members use it, so ordinary messages
/// pay nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CycleGuard
{
    /// <summary>How deeply recursive values may nest; deeper values are rejected before the stack could overflow.</summary>
    public const int MaxDepth = 256;

    [ThreadStatic] private static object?[]? t_path;
    [ThreadStatic] private static int t_depth;

    /// <summary>Enters <paramref name="node"/>; pair every call with <see cref="Exit"/> in a <c>finally</c>.</summary>
    /// <exception cref="MessageCycleException">The node is already being copied, or the chain is too deep.</exception>
    public static void Enter(object node)
    {
        object?[] path = t_path ??= new object?[16];
        int depth = t_depth;
        for (int i = 0; i < depth; i++)
        {
            if (ReferenceEquals(path[i], node))
            {
                throw new MessageCycleException(node.GetType(),
                    $"The message contains a reference cycle: a {node.GetType().Name} refers back to itself through its members. " +
                    "Messages are copied as trees; break the cycle (for example refer to the object by an id).");
            }
        }

        Push(path, depth, node);
    }

    /// <summary>Enters a value-type node: only the depth is checked, since a struct has no identity.</summary>
    public static void EnterValue(Type type) => Push(t_path ??= new object?[16], t_depth, type);

    /// <summary>Leaves the node entered last.</summary>
    public static void Exit()
    {
        int depth = --t_depth;
        t_path![depth] = null;
    }

    private static void Push(object?[] path, int depth, object node)
    {
        if (depth >= MaxDepth)
        {
            Type type = node as Type ?? node.GetType();
            throw new MessageCycleException(type,
                $"The message nests {type.Name} more than {MaxDepth} levels deep; it is either cyclic or too deep to copy safely.");
        }

        if (depth == path.Length)
        {
            Array.Resize(ref path, depth * 2);
            t_path = path;
        }

        path[depth] = node;
        t_depth = depth + 1;
    }
}

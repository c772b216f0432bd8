using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MessagePack;
using MessagePack.Formatters;

namespace TypedActors.State;

/// <summary>
/// Options for writing a snapshot: the caller's options with every formatter wrapped in a
/// <see cref="BoundedStateFormatter{T}"/>. Formatters of collections, of <c>object</c>-typed values and of generated
/// message types find their element and member formatters through <c>options.Resolver</c>, so every level of a value
/// passes through the wrapper, whatever its static type.
/// </summary>
internal static class BoundedStateOptions
{
    private static readonly ConditionalWeakTable<MessagePackSerializerOptions, MessagePackSerializerOptions> s_bounded = new();

    public static MessagePackSerializerOptions For(MessagePackSerializerOptions options) =>
        s_bounded.GetValue(options, static o => o.WithResolver(new BoundedStateResolver(o.Resolver)));

    private sealed class BoundedStateResolver(IFormatterResolver inner) : IFormatterResolver
    {
        private readonly ConcurrentDictionary<Type, object?> _formatters = new();

        public IMessagePackFormatter<T>? GetFormatter<T>()
        {
            if (!_formatters.TryGetValue(typeof(T), out object? formatter))
            {
                IMessagePackFormatter<T>? found = inner.GetFormatter<T>();

                // An object-typed value is written by its runtime type's formatter, which is wrapped itself: wrapping
                // the fallback too would count every object-typed level twice.
                formatter = found is null || typeof(T) == typeof(object) ? found : new BoundedStateFormatter<T>(found);
                formatter = _formatters.GetOrAdd(typeof(T), formatter);
            }

            return (IMessagePackFormatter<T>?)formatter;
        }
    }
}

/// <summary>
/// Writes a value through its real formatter unless it is nested deeper than the snapshot's limit or is an object the
/// snapshot is already inside (a reference cycle): those become a marker map, so writing never recurses without
/// bound. Outside a snapshot (<see cref="StateWriteScope.Current"/> is null) it only delegates.
/// </summary>
internal sealed class BoundedStateFormatter<T>(IMessagePackFormatter<T> inner) : IMessagePackFormatter<T>
{
    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        StateWriteScope? scope = StateWriteScope.Current;
        if (scope is null)
        {
            inner.Serialize(ref writer, value, options);
            return;
        }

        object? identity = typeof(T).IsValueType ? null : value;
        string? marker = scope.Enter(identity);
        if (marker is not null)
        {
            writer.WriteMapHeader(1);
            writer.Write(marker);
            writer.Write(true);
            return;
        }

        try
        {
            inner.Serialize(ref writer, value, options);
        }
        finally
        {
            scope.Exit();
        }
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => inner.Deserialize(ref reader, options);
}

/// <summary>The path of values being written by one snapshot on this thread: its depth, and the objects on it.</summary>
internal sealed class StateWriteScope
{
    [ThreadStatic] private static StateWriteScope? t_current;

    private readonly int _maxDepth;
    private readonly object?[] _path;
    private int _depth;

    public StateWriteScope(int maxDepth)
    {
        _maxDepth = maxDepth;
        _path = new object?[maxDepth];
    }

    public static StateWriteScope? Current => t_current;

    /// <summary>Makes this the scope of the current thread until <see cref="Deactivate"/>.</summary>
    public void Activate() => t_current = this;

    public void Deactivate() => t_current = null;

    /// <summary>Enters a value; returns the marker key to write instead when it is too deep or already on the path.</summary>
    public string? Enter(object? identity)
    {
        if (_depth == _maxDepth)
        {
            return ActorStateLimits.TooDeepKey;
        }

        if (identity is not null)
        {
            for (int i = 0; i < _depth; i++)
            {
                if (ReferenceEquals(_path[i], identity))
                {
                    return ActorStateLimits.CycleKey;
                }
            }
        }

        _path[_depth++] = identity;
        return null;
    }

    public void Exit() => _path[--_depth] = null;
}

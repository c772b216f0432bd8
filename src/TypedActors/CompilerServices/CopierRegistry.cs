using System.ComponentModel;
using System.Numerics;
using TypedActors.Copying;
using TypedActors.Supervision;

namespace TypedActors.CompilerServices;

/// <summary>
/// Where generated copiers are registered: statically per type (<see cref="Copier{T}"/>) and by runtime type, for
/// messages sent untyped through <see cref="Address.Send"/> and for derived instances reached through a base type.
/// No reflection: every entry is a delegate the generator wrote.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CopierRegistry
{
    private static readonly object s_gate = new();

    // Copy-on-write: registrations happen a handful of times at start-up, lookups on every untyped send.
    private static volatile Dictionary<Type, Func<object, object>?> s_byRuntimeType = CreateWellKnown();

    /// <summary>Registers the copier of a mutable type.</summary>
    /// <param name="copy">The generated deep copy.</param>
    /// <param name="byRuntimeType">Also copy boxed instances whose runtime type is exactly <typeparamref name="T"/>.</param>
    public static void Register<T>(Func<T, T> copy, bool byRuntimeType)
    {
        ArgumentNullException.ThrowIfNull(copy);
        Copier<T>.Set(copy);
        if (byRuntimeType)
        {
            AddRuntimeType(typeof(T), value => copy((T)value)!);
        }
    }

    /// <summary>Registers a type that is passed by reference because it never changes.</summary>
    public static void RegisterImmutable<T>(bool byRuntimeType)
    {
        Copier<T>.Set(null);
        if (byRuntimeType)
        {
            AddRuntimeType(typeof(T), null);
        }
    }

    /// <summary>Copies a message whose type is only known at run time.</summary>
    /// <exception cref="MessageNotCopyableException">No copier is registered for the message's runtime type.</exception>
    public static object Copy(object message)
    {
        if (!s_byRuntimeType.TryGetValue(message.GetType(), out Func<object, object>? copy))
        {
            throw new MessageNotCopyableException(message.GetType());
        }

        return copy is null ? message : copy(message);
    }

    /// <summary>
    /// Copies an instance of a type derived from (or implementing) <typeparamref name="TBase"/>: generated copiers of
    /// non-sealed types call this when the runtime type is not their own.
    /// </summary>
    public static TBase CopyDerived<TBase>(TBase value)
        where TBase : class
    {
        if (!s_byRuntimeType.TryGetValue(value.GetType(), out Func<object, object>? copy))
        {
            throw new MessageNotCopyableException(value.GetType());
        }

        return copy is null ? value : (TBase)copy(value);
    }

    private static void AddRuntimeType(Type type, Func<object, object>? copy)
    {
        lock (s_gate)
        {
            if (s_byRuntimeType.ContainsKey(type))
            {
                return;
            }

            s_byRuntimeType = new Dictionary<Type, Func<object, object>?>(s_byRuntimeType) { [type] = copy };
        }
    }

    /// <summary>Types every program can send untyped: immutable framework values and the runtime's own messages.</summary>
    private static Dictionary<Type, Func<object, object>?> CreateWellKnown()
    {
        Type[] immutable =
        [
            typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort),
            typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
            typeof(Half), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly),
            typeof(Guid), typeof(BigInteger), typeof(Uri), typeof(Version), typeof(Address),
            typeof(ExitReason), typeof(Exited), typeof(Down), typeof(ReceiveTimeout), typeof(RestartDue),
        ];
        return immutable.ToDictionary(t => t, _ => (Func<object, object>?)null);
    }
}

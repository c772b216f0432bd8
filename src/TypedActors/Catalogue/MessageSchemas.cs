using System.Collections.Concurrent;
using System.ComponentModel;

namespace TypedActors.Catalogue;

/// <summary>
/// The members each generated message type has on the wire, by type: what a gateway needs to describe a message's
/// JSON (for instance in an OpenAPI document) without reflection. Registered by generated code when its assembly loads.
/// </summary>
public static class MessageSchemas
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<MessageMember>> s_members = new();

    /// <summary>Registers the wire members of <paramref name="type"/>, in the order they are written.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(Type type, params MessageMember[] members)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(members);
        s_members[type] = members;
    }

    /// <summary>The wire members of a generated message type (a map keyed by member name), or false for any other type.</summary>
    public static bool TryGetMembers(Type type, [NotNullWhen(true)] out IReadOnlyList<MessageMember>? members) =>
        s_members.TryGetValue(type, out members);
}

/// <summary>One member of a message on the wire: its key (the C# member name), declared type and whether it may be nil.</summary>
public sealed class MessageMember
{
    /// <summary>Describes a member.</summary>
    public MessageMember(string name, Type type, bool isNullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        IsNullable = isNullable;
    }

    /// <summary>The member's name, its key on the wire.</summary>
    public string Name { get; }

    /// <summary>The member's declared type.</summary>
    public Type Type { get; }

    /// <summary>True when the member is a nullable reference or value type.</summary>
    public bool IsNullable { get; }
}

using System.Collections.Concurrent;
using System.Reflection;

namespace TypedActors.Mailbox;

/// <summary>
/// Which bound a spawned actor's mailbox gets: the spawn's <see cref="MailboxOptions"/>, else its class's
/// <see cref="MailboxAttribute"/>, else <see cref="ActorSystemOptions.MailboxCapacity"/>; none by default.
/// </summary>
internal static class MailboxBounds
{
    private static readonly ConcurrentDictionary<Type, MailboxAttribute?> s_attributes = new();

    /// <exception cref="ActorCreationException">The class's <see cref="MailboxAttribute"/> has an invalid capacity or policy.</exception>
    public static MailboxBound? For(Type actorType, MailboxOptions? spawn, ActorSystemOptions system)
    {
        if (spawn is not null)
        {
            return Create(spawn.Capacity, spawn.Overflow);
        }

        // Read once per class: attributes do not change, and a spawn must not pay for reflection.
        MailboxAttribute? declared = s_attributes.GetOrAdd(actorType, static type => type.GetCustomAttribute<MailboxAttribute>(inherit: true));
        if (declared is null)
        {
            return Create(system.MailboxCapacity, system.MailboxOverflow);
        }

        int? capacity = declared.Capacity switch
        {
            0 => system.MailboxCapacity,
            MailboxAttribute.Unbounded => null,
            _ => declared.Capacity,
        };
        try
        {
            return Create(
                MailboxOptions.CheckCapacity(capacity, nameof(MailboxAttribute.Capacity)),
                MailboxOptions.CheckOverflow(declared.Overflow, nameof(MailboxAttribute.Overflow)));
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new ActorCreationException(
                $"The [Mailbox] attribute of {actorType.Name} is invalid: {exception.Message} (use a capacity from 1 to " +
                $"{MailboxOptions.MaxCapacity}, MailboxAttribute.Unbounded, or leave it out for the system's default).",
                exception);
        }
    }

    private static MailboxBound? Create(int? capacity, MailboxOverflow overflow) =>
        capacity is { } bounded ? new MailboxBound(bounded, overflow) : null;
}

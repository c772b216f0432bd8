namespace TypedActors;

/// <summary>
/// The mailbox of one spawned actor, given to <c>Spawn</c>: it wins over the class's <see cref="MailboxAttribute"/> and
/// the system's <see cref="ActorSystemOptions.MailboxCapacity"/>.
/// </summary>
/// <example><code>system.Spawn&lt;Worker&gt;(new MailboxOptions { Capacity = 500 })</code></example>
public sealed class MailboxOptions
{
    /// <summary>The largest capacity a mailbox can have (2^30 messages).</summary>
    public const int MaxCapacity = 1 << 30;

    private readonly int? _capacity;
    private readonly MailboxOverflow _overflow;

    /// <summary>A mailbox without a bound, whatever the class or the system say.</summary>
    public static MailboxOptions Unbounded { get; } = new();

    /// <summary>The most user messages the mailbox holds (1 to <see cref="MaxCapacity"/>); null for no bound.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not null and outside 1 to <see cref="MaxCapacity"/>.</exception>
    public int? Capacity
    {
        get => _capacity;
        init => _capacity = CheckCapacity(value, nameof(Capacity));
    }

    /// <summary>What happens to a message sent to the full mailbox. Default <see cref="MailboxOverflow.DropNewest"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="MailboxOverflow"/>.</exception>
    public MailboxOverflow Overflow
    {
        get => _overflow;
        init => _overflow = CheckOverflow(value, nameof(Overflow));
    }

    /// <summary>The one check of a capacity, wherever one is set: null or 1 to <see cref="MaxCapacity"/>.</summary>
    internal static int? CheckCapacity(int? capacity, string name) =>
        capacity is null or (>= 1 and <= MaxCapacity)
            ? capacity
            : throw new ArgumentOutOfRangeException(name, capacity, $"A mailbox capacity is from 1 to {MaxCapacity} messages, or null for no bound.");

    /// <summary>The one check of an overflow policy.</summary>
    internal static MailboxOverflow CheckOverflow(MailboxOverflow overflow, string name) =>
        overflow is MailboxOverflow.DropNewest or MailboxOverflow.DropOldest
            ? overflow
            : throw new ArgumentOutOfRangeException(name, overflow, "The overflow policy is DropNewest or DropOldest.");
}

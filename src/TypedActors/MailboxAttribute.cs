namespace TypedActors;

/// <summary>What happens to a user message sent to a full mailbox.</summary>
public enum MailboxOverflow
{
    /// <summary>
    /// The new message is refused: a <c>Tell</c> becomes a dead letter (<see cref="DeadLetterReason.MailboxFull"/>), an
    /// <c>Ask</c> fails with <see cref="MailboxFullException"/>, and a <c>TellAsync</c> waits for room. The default.
    /// </summary>
    DropNewest,

    /// <summary>
    /// The new message is queued and the oldest queued user message becomes a dead letter instead
    /// (<see cref="DeadLetterReason.MailboxFull"/>; an ask among the dropped fails with
    /// <see cref="MailboxFullException"/>): the actor keeps the latest messages. <c>TellAsync</c> never waits.
    /// </summary>
    DropOldest,
}

/// <summary>
/// Bounds the mailbox of every actor of this class (and of classes derived from it): at most <see cref="Capacity"/>
/// user messages wait in it. Runtime signals (kills, exit signals, <see cref="Down"/>, stops, state snapshots) are never
/// refused and never counted. A capacity given when spawning wins over this attribute, which wins over
/// <see cref="ActorSystemOptions.MailboxCapacity"/>.
/// </summary>
/// <example><code>[Mailbox(Capacity = 1000)] public partial class Ingest : Actor { ... }</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class MailboxAttribute : Attribute
{
    /// <summary>The <see cref="Capacity"/> of an unbounded mailbox, for a class that must not take the system's default bound.</summary>
    public const int Unbounded = -1;

    /// <summary>
    /// The most user messages the mailbox holds, from 1 to <see cref="MailboxOptions.MaxCapacity"/>; or
    /// <see cref="Unbounded"/>. Left at 0, the class takes <see cref="ActorSystemOptions.MailboxCapacity"/> (and this
    /// attribute's <see cref="Overflow"/>).
    /// </summary>
    public int Capacity { get; set; }

    /// <summary>What happens to a message sent to the full mailbox. Default <see cref="MailboxOverflow.DropNewest"/>.</summary>
    public MailboxOverflow Overflow { get; set; }
}

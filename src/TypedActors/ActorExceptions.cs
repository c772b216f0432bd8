namespace TypedActors;

/// <summary>The base class of the exceptions TypedActors throws.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by <c>Ask</c> when the target actor is dead, or dies before it handles the request.</summary>
public sealed class DeadActorException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public DeadActorException(Address actor, ExitReason? reason)
        : base(reason is null ? $"Actor {actor} is dead." : $"Actor {actor} is dead ({reason}).")
    {
        Actor = actor;
        Reason = reason;
    }

    /// <summary>The dead actor.</summary>
    public Address Actor { get; }

    /// <summary>Why it died, when known.</summary>
    public ExitReason? Reason { get; }
}

/// <summary>Thrown by <c>Ask</c> when the actor has no handler for the message's type.</summary>
public sealed class UnhandledMessageException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public UnhandledMessageException(Address actor, Type messageType)
        : base($"Actor {actor} has no [Receive] handler for messages of type {messageType.FullName}.")
    {
        Actor = actor;
        MessageType = messageType;
    }

    /// <summary>The actor that received the message.</summary>
    public Address Actor { get; }

    /// <summary>The type nobody handles.</summary>
    public Type MessageType { get; }
}

/// <summary>Thrown when an actor cannot be created.</summary>
public sealed class ActorCreationException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorCreationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by <c>Ask</c> when the reply does not have the type the caller asked for.</summary>
public sealed class ReplyTypeMismatchException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ReplyTypeMismatchException(Type expected, Type? actual)
        : base(actual is null
            ? $"The handler returns no value, but the caller asked for a {expected.FullName}."
            : $"The handler replied with a {actual.FullName}, but the caller asked for a {expected.FullName}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The reply type the caller asked for.</summary>
    public Type Expected { get; }

    /// <summary>The type the handler replied with; null when it returns no value.</summary>
    public Type? Actual { get; }
}

/// <summary>
/// Thrown by <c>Ask</c> (and by the gateway's and the cluster's sends) when the actor's mailbox is full: the request
/// was refused at once rather than queued, and became a dead letter (<see cref="DeadLetterReason.MailboxFull"/>).
/// </summary>
public sealed class MailboxFullException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public MailboxFullException(Address actor)
        : base($"The mailbox of actor {actor} is full; the message was not queued.")
    {
        Actor = actor;
    }

    /// <summary>The actor whose mailbox is full.</summary>
    public Address Actor { get; }
}

/// <summary>
/// Thrown by <c>TellAsync</c> when waiting for room would never end: the sending actor, inside its handler, waits for
/// room in a full mailbox whose actor waits, directly or through others, for room in the sender's own full mailbox (or
/// the sender waits for room in its own mailbox). No actor of the cycle handles a message while it waits, so none would
/// ever make room. The message was not sent.
/// </summary>
public sealed class MailboxDeadlockException : ActorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cycle">The actors of the cycle, starting with the sender; each waits for room in the next one's mailbox, the last in the first's.</param>
    public MailboxDeadlockException(IReadOnlyList<Address> cycle)
        : base(Describe(cycle))
    {
        Cycle = cycle;
    }

    /// <summary>The actors of the cycle, starting with the sender; each waits for room in the next one's mailbox, the last in the first's.</summary>
    public IReadOnlyList<Address> Cycle { get; }

    private static string Describe(IReadOnlyList<Address> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.Count == 1
            ? $"Actor {cycle[0]} would wait in TellAsync for room in its own full mailbox, which only it can make."
            : $"TellAsync would wait forever: {string.Join(" waits for room in ", cycle)} waits for room in {cycle[0]}, and every one of them has a full mailbox and handles nothing while it waits.";
    }
}

using TypedActors.Cell;
using TypedActors.Diagnostics;

namespace TypedActors;

/// <summary>Why a message reached no live actor.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient was already dead when the message was sent.</summary>
    RecipientDead,

    /// <summary>The message was still queued when the recipient stopped, failed or was killed.</summary>
    RecipientTerminated,

    /// <summary>The recipient has no <c>[Receive]</c> handler for the message's type.</summary>
    Unhandled,

    /// <summary>The recipient's handler threw while handling the message.</summary>
    HandlerFailed,

    /// <summary>The recipient lives in another process that could not be reached.</summary>
    Unreachable,

    /// <summary>
    /// The recipient's mailbox was full (see <see cref="MailboxAttribute"/>): the message was refused, or, with
    /// <see cref="MailboxOverflow.DropOldest"/>, dropped as the oldest to make room. Also a message refused by a full
    /// outbox to an actor in another process.
    /// </summary>
    MailboxFull,
}

/// <summary>A message that reached no live actor.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sending actor, when the message was sent from inside one.</param>
/// <param name="Recipient">The intended recipient.</param>
/// <param name="Reason">Why it was not handled.</param>
public sealed record DeadLetter(object Message, Address? Sender, Address Recipient, DeadLetterReason Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Dead letter ({Reason}): {Message.GetType().Name} to {Recipient}{(Sender is { } s ? $" from {s}" : "")}";
}

/// <summary>
/// Every message that reaches no live actor is counted here and published to subscribers; nothing is dropped silently.
/// Subscribers are called synchronously on the thread that dead-lettered the message and should return quickly.
/// </summary>
public sealed class DeadLetters : IObservable<DeadLetter>
{
    private readonly EventStream<DeadLetter> _stream = new();
    private readonly ActorSystemMetrics _metrics;
    private long _count;

    internal DeadLetters(ActorSystemMetrics metrics) => _metrics = metrics;

    /// <summary>How many dead letters there have been since the system started.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<DeadLetter> observer) => _stream.Subscribe(observer);

    internal void Publish(object message, Address recipient, DeadLetterReason reason)
    {
        Interlocked.Increment(ref _count);
        if (_metrics.DeadLetters.Enabled)
        {
            _metrics.DeadLetter(reason);
        }

        if (_stream.HasObservers)
        {
            ActorCell? current = ActorCell.CurrentActor;
            _stream.Publish(new DeadLetter(message, current is null ? null : current.Address, recipient, reason));
        }
    }

    internal void Complete() => _stream.Complete();
}

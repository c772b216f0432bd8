using TypedActors.Dispatching;
using TypedActors.Remoting;

namespace TypedActors;

/// <summary>
/// The untyped address of an actor. Cheap to copy (a single reference), equatable and printable.
/// Messages sent through an address are checked at run time: a message the actor has no handler for becomes a
/// dead letter with reason <see cref="DeadLetterReason.Unhandled"/>, and an <see cref="Ask{TReply}"/> of it fails.
/// Prefer the typed <see cref="ActorRef{TActor}"/>, whose <c>Tell</c>/<c>Ask</c> are checked by the compiler.
/// </summary>
public readonly struct Address : IEquatable<Address>
{
    internal readonly ActorProcess? Process;

    internal Address(ActorProcess process) => Process = process;

    /// <summary>True for <c>default(Address)</c>, which points at no actor.</summary>
    public bool IsEmpty => Process is null;

    /// <summary>The system-unique id of the actor.</summary>
    public long Id => Target.Id;

    /// <summary>The class of the actor this address points at.</summary>
    public Type ActorType => Target.ActorType;

    /// <summary>True once the actor has terminated (stopped, failed or been killed).</summary>
    public bool IsDead => Target.IsDead;

    /// <summary>Completes with the reason once the actor has terminated. Never faults.</summary>
    public Task<ExitReason> Completion => Target.Completion;

    private ActorProcess Target =>
        Process ?? throw new InvalidOperationException("This address is empty (default(Address)); it points at no actor.");

    /// <summary>
    /// Sends a copy of a message (fire and forget). The message type is checked when the actor receives it. The copy is
    /// made by the generated copier registered for the message's runtime type (immutable messages are not copied).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="MessageNotCopyableException">No copier is registered for the message's type.</exception>
    /// <exception cref="MessageCycleException">The message refers back to itself.</exception>
    public void Send(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SendCopied(CompilerServices.CopierRegistry.Copy(message));
    }

    /// <summary>Delivers a message that has already been copied for the receiver.</summary>
    internal void SendCopied(object copiedMessage) => Target.Deliver(WithTrace(copiedMessage));

    /// <summary>Delivers a copied message; false when the actor's full mailbox refused it (it is then a dead letter).</summary>
    internal bool TrySendCopied(object copiedMessage) => Target.TryDeliver(WithTrace(copiedMessage));

    /// <summary>Delivers a copied message, waiting while the actor's mailbox is full.</summary>
    internal ValueTask SendCopiedAsync(object copiedMessage, CancellationToken cancellationToken) =>
        Target.DeliverAsync(WithTrace(copiedMessage), cancellationToken);

    /// <summary>
    /// Sends a copy of a message (see <see cref="Send"/>), waiting while the actor's mailbox is full (see
    /// <see cref="MailboxAttribute"/>): the task completes once the message is queued. Senders that wait are served in
    /// the order they came; while any waits, a plain send finds the mailbox full. An unbounded mailbox, or one that
    /// drops its oldest message (<see cref="MailboxOverflow.DropOldest"/>), never makes the sender wait.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="DeadActorException">The actor is dead, or died before the message was queued (the task fails with it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the message was queued (the task is cancelled).</exception>
    /// <exception cref="MailboxDeadlockException">
    /// Sent from a handler, the wait would never end: the receiver waits, directly or through others, for room in the
    /// sender's own full mailbox (the task fails with it).
    /// </exception>
    public ValueTask SendAsync(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendCopiedAsync(CompilerServices.CopierRegistry.Copy(message), cancellationToken);
    }

    /// <summary>When someone listens to TypedActors traces and an activity is current, its context travels with the message.</summary>
    private static object WithTrace(object message) =>
        Diagnostics.ActorTelemetry.Source.HasListeners() && System.Diagnostics.Activity.Current is { } current
            ? new Diagnostics.TracedMessage(message, current.Context)
            : message;

    /// <summary>
    /// Sends a copy of a message (see <see cref="Send"/>) and waits for a copy of the handler's reply. Fails with <see cref="DeadActorException"/> when the actor is
    /// dead, <see cref="UnhandledMessageException"/> when it has no handler for the message, the handler's own exception
    /// when it throws, and <see cref="TimeoutException"/> after <paramref name="timeout"/> (default:
    /// <see cref="ActorSystemOptions.AskTimeout"/>). Fails at once with <see cref="MailboxFullException"/> when the
    /// actor's mailbox is full.
    /// </summary>
    public Task<TReply> Ask<TReply>(object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AskCopied<TReply>(CompilerServices.CopierRegistry.Copy(message), timeout, cancellationToken);
    }

    /// <summary>Asks with a message that has already been copied for the receiver.</summary>
    internal Task<TReply> AskCopied<TReply>(object copiedMessage, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ActorProcess target = Target;
        var request = new AskRequest<TReply>(copiedMessage, target, timeout ?? target.System.Options.AskTimeout, cancellationToken);
        target.Deliver(request);
        return request.Task;
    }

    /// <summary>Sends a message and waits until its handler has finished. See <see cref="Ask{TReply}"/> for failures.</summary>
    public Task Ask(object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<NoReply>(message, timeout, cancellationToken);

    /// <summary>Asks the actor to stop after its current message. Messages still queued become dead letters.</summary>
    public void Stop() => Target.Stop();

    /// <summary>
    /// Kills the actor. No further message is dispatched; a pending <c>Receive</c> throws <see cref="KilledException"/>
    /// and its <c>StoppingToken</c> is cancelled; it dies with reason killed when its current handler returns (after
    /// <c>finally</c> blocks and <c>OnStopped</c>). Queued messages become dead letters. Killing a dead actor does nothing.
    /// </summary>
    public void Kill() => Target.Kill();

    /// <inheritdoc />
    public bool Equals(Address other) =>
        ReferenceEquals(Process, other.Process)
        || (Process?.ClusterKey is { } key && string.Equals(key, other.Process?.ClusterKey, StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Process switch
    {
        null => 0,
        { ClusterKey: { } key } => StringComparer.Ordinal.GetHashCode(key),
        _ => Process.Id.GetHashCode(),
    };

    /// <summary>Formats as <c>ActorType#id</c>, e.g. <c>Account#42</c>.</summary>
    public override string ToString() => Process is null ? "(empty address)" : $"{Process.ActorType.Name}#{Process.Id}";

    /// <summary>Compares two addresses.</summary>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Compares two addresses.</summary>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);
}

using System.ComponentModel;
using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Supervision;

namespace TypedActors.Remoting;

/// <summary>
/// What an <see cref="TypedActors.Address"/> points at: a local actor, or, through a <see cref="RemoteProcess"/>, an
/// actor in another process. A remoting transport works with processes where application code works with addresses:
/// it delivers what came from the wire to local actors, and links and monitors across processes. Not for application
/// code.
/// </summary>
/// <remarks>
/// <para>
/// Only the runtime derives from this class directly; a transport derives from <see cref="RemoteProcess"/>. A transport
/// gets processes from the runtime: the local ones it is asked to <see cref="IActorRemoting.Export"/>, those that link
/// to or monitor its remote processes, and the actors it spawns with <see cref="RemotingContext.Spawn{TActor}"/>.
/// </para>
/// <para>
/// It derives from <see cref="SynchronizationContext"/> because a local actor is its own synchronization context:
/// continuations of its handlers are posted back into its turn. Inheriting saves one object per actor, and a million
/// idle actors is a supported workload.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ActorProcess : SynchronizationContext
{
    private protected ActorProcess()
    {
    }

    /// <summary>The system-unique id of the actor.</summary>
    public abstract long Id { get; }

    /// <summary>The actor's class, as far as this process knows it.</summary>
    public abstract Type ActorType { get; }

    /// <summary>The system the process belongs to.</summary>
    public abstract ActorSystem System { get; }

    /// <summary>The address of this process: what application code holds.</summary>
    public Address Address => new(this);

    /// <summary>True once the actor has terminated (for a remote actor: once this process has learned so).</summary>
    public abstract bool IsDead { get; }

    /// <summary>Completes with the exit reason once the actor has terminated. Never faults.</summary>
    public abstract Task<ExitReason> Completion { get; }

    /// <summary>
    /// The actor's identity across the processes of a cluster, or null for an actor that only this process knows.
    /// Two processes with the same key are the same actor: addresses compare and hash by it.
    /// </summary>
    public virtual string? ClusterKey => null;

    /// <summary>
    /// Delivers a message that is already the actor's own copy, typically one just read from the wire: it is not
    /// copied again. Goes to dead letters when the actor is dead.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="message"/> is a request; deliver it with <see cref="DeliverAsk"/>.</exception>
    public void DeliverMessage(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Reply)
        {
            throw new ArgumentException("A request is delivered with DeliverAsk.", nameof(message));
        }

        Deliver(message);
    }

    /// <summary>
    /// Delivers a request from another process; the handler's outcome settles <paramref name="request"/>. When the actor
    /// is dead, the request fails with <see cref="DeadActorException"/>.
    /// </summary>
    /// <param name="request">The request and its reply channel.</param>
    /// <param name="runHereWhenIdle">
    /// True when the caller waits for the outcome anyway: an idle local actor then runs its turn on the calling thread
    /// instead of queueing it, so a synchronous handler has answered before this returns. The turn runs as a task of
    /// the default scheduler, never the caller's. A busy actor gets the request in its mailbox either way.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public void DeliverAsk(WireReply request, bool runHereWhenIdle)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (runHereWhenIdle)
        {
            DeliverAndRunHere(request);
        }
        else
        {
            Deliver(request);
        }
    }

    /// <summary>
    /// Delivers a <see cref="Down"/> the transport learned of (a monitored actor in another process ended): a runtime
    /// signal, which a full mailbox never refuses, unlike a message delivered with <see cref="DeliverMessage"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="down"/> is null.</exception>
    public void DeliverDown(Down down)
    {
        ArgumentNullException.ThrowIfNull(down);
        DeliverSignal(down);
    }

    /// <summary>Requests a graceful stop after the current message.</summary>
    public abstract void Stop();

    /// <summary>Kills the actor: final, it dies with reason killed.</summary>
    public void Kill() => Kill(ExitReason.Killed);

    /// <summary>Terminates the actor with <paramref name="reason"/>, as a kill does (used for exit signals of links).</summary>
    public abstract void Kill(ExitReason reason);

    /// <summary>Records a link from <paramref name="other"/>; returns the exit reason instead when this actor is already dead.</summary>
    public abstract ExitReason? AddLink(ActorProcess other);

    /// <summary>Removes a link from <paramref name="other"/>.</summary>
    public abstract void RemoveLink(ActorProcess other);

    /// <summary>
    /// Records a monitor by <paramref name="watcher"/>, which gets <see cref="Down"/> when this actor terminates; returns
    /// the exit reason instead when this actor is already dead.
    /// </summary>
    public abstract ExitReason? AddWatcher(ActorProcess watcher);

    /// <summary>Removes a monitor by <paramref name="watcher"/>.</summary>
    public abstract void RemoveWatcher(ActorProcess watcher);

    /// <summary>The exit signal of a linked actor that terminated: trap it as <see cref="Exited"/>, or die with it.</summary>
    public abstract void OnExitSignal(ActorProcess from, ExitReason reason);

    /// <summary>Delivers a message, or an envelope of the runtime (a request, a traced message), to the actor.</summary>
    internal abstract void Deliver(object delivery);

    /// <summary>Delivers as <see cref="Deliver"/> does; false when a full mailbox refused the message (it is then a dead letter).</summary>
    internal virtual bool TryDeliver(object delivery)
    {
        Deliver(delivery);
        return true;
    }

    /// <summary>
    /// Delivers a runtime signal (a <see cref="Down"/>, an exit signal, a supervisor's notice, a state snapshot request):
    /// a full mailbox never refuses it, nor counts it.
    /// </summary>
    internal virtual void DeliverSignal(object signal) => Deliver(signal);

    /// <summary>
    /// Delivers a user message, waiting while a full mailbox has no room (<c>TellAsync</c>). Fails with
    /// <see cref="DeadActorException"/> when the actor is dead or dies before the message is queued. A process with no
    /// mailbox of its own here delivers at once.
    /// </summary>
    internal virtual ValueTask DeliverAsync(object delivery, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        Deliver(delivery);
        return IsDead
            ? ValueTask.FromException(new DeadActorException(Address, Completion is { IsCompletedSuccessfully: true } done ? done.Result : null))
            : default;
    }

    /// <summary>Delivers as <see cref="Deliver"/> does and, when the actor is idle, runs its turn on the calling thread.</summary>
    internal virtual void DeliverAndRunHere(object delivery) => Deliver(delivery);

    /// <summary>
    /// True when replies to asks of this actor are completed outside any actor's turn (they come from another process),
    /// so the asker may continue on the completing thread.
    /// </summary>
    internal virtual bool RepliesArriveOffTurn => false;

    /// <summary>
    /// What becomes of a delivery the actor will never handle: a runtime signal tells its sender it was lost, a request
    /// fails with <see cref="DeadActorException"/>, and the message is published as a dead letter.
    /// </summary>
    private protected void DeadLetterDelivery(object delivery, DeadLetterReason reason, ExitReason? exit)
    {
        if (delivery is TracedMessage traced)
        {
            delivery = traced.Message;
        }

        if (delivery is IUndeliverable undeliverable)
        {
            undeliverable.OnUndelivered(); // a runtime signal, not a user message: its sender must learn it was lost
            return;
        }

        if (delivery is Reply reply)
        {
            reply.Fail(new DeadActorException(Address, exit));
            delivery = reply.Message;
        }

        System.DeadLetters.Publish(delivery, Address, reason);
    }

    /// <summary>
    /// What becomes of a user message a full mailbox (or outbox) refused, or dropped as the oldest: a request fails with
    /// <see cref="MailboxFullException"/>, and the message is published as a dead letter.
    /// </summary>
    private protected void RefuseDelivery(object delivery)
    {
        if (delivery is TracedMessage traced)
        {
            delivery = traced.Message;
        }

        if (delivery is Reply reply)
        {
            reply.Fail(new MailboxFullException(Address));
            delivery = reply.Message;
        }

        System.DeadLetters.Publish(delivery, Address, DeadLetterReason.MailboxFull);
    }

    /// <summary>The same process, or another process standing for the same cluster actor (links and monitors are sets of these).</summary>
    public sealed override bool Equals(object? obj) =>
        ReferenceEquals(this, obj)
        || (ClusterKey is { } key && obj is ActorProcess other && string.Equals(key, other.ClusterKey, StringComparison.Ordinal));

    /// <inheritdoc />
    public sealed override int GetHashCode() =>
        ClusterKey is { } key ? StringComparer.Ordinal.GetHashCode(key) : global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

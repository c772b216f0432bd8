namespace TypedActors;

/// <summary>
/// Something an <see cref="Address"/> points at: a local actor cell, an actor in another process of a cluster, or an
/// address read from the wire that names no live actor. Everything a holder of an address can do goes through here, so
/// the address itself stays a single pointer.
/// </summary>
/// <remarks>
/// It derives from <see cref="SynchronizationContext"/> because a local actor is its own synchronization context:
/// continuations of its handlers are posted back into its turn. Inheriting saves one object per actor, and a million
/// idle actors is a supported workload.
/// </remarks>
internal abstract class ActorProcess : SynchronizationContext
{
    /// <summary>The system-unique id of the actor.</summary>
    public abstract long Id { get; }

    /// <summary>The actor's class, when it is known locally.</summary>
    public abstract Type ActorType { get; }

    /// <summary>The system the process belongs to.</summary>
    public abstract ActorSystem System { get; }

    /// <summary>True once the actor has terminated.</summary>
    public abstract bool IsDead { get; }

    /// <summary>Delivers a message (or an internal envelope) to the mailbox, or to dead letters when the actor is gone.</summary>
    public abstract void Deliver(object message);

    /// <summary>
    /// Delivers <paramref name="message"/> and, when the actor is idle, runs its turn on the calling thread instead of
    /// queueing it. For a transport whose caller waits for the outcome anyway (a request from another process), this
    /// saves the hop to the thread pool and lets a synchronous handler answer before the call returns.
    /// </summary>
    public virtual void DeliverAndRunHere(object message) => Deliver(message);

    /// <summary>
    /// True when replies to asks of this actor are completed outside any actor's turn (they come from another process),
    /// so the asker may continue on the completing thread.
    /// </summary>
    public virtual bool RepliesArriveOffTurn => false;

    /// <summary>Requests a graceful stop after the current message.</summary>
    public abstract void Stop();

    /// <summary>Kills the actor: final, it dies with reason killed.</summary>
    public abstract void Kill();

    /// <summary>Completes with the exit reason once the actor has terminated.</summary>
    public abstract Task<ExitReason> Completion { get; }

    /// <summary>Terminates the actor with <paramref name="reason"/>, as a kill does (used for exit signals of links).</summary>
    public abstract void Kill(ExitReason reason);

    /// <summary>Records a link from <paramref name="other"/>; returns the exit reason instead when this actor is already dead.</summary>
    public abstract ExitReason? AddLink(ActorProcess other);

    /// <summary>Removes a link from <paramref name="other"/>.</summary>
    public abstract void RemoveLink(ActorProcess other);

    /// <summary>Records a monitor by <paramref name="watcher"/>; returns the exit reason instead when this actor is already dead.</summary>
    public abstract ExitReason? AddWatcher(ActorProcess watcher);

    /// <summary>Removes a monitor by <paramref name="watcher"/>.</summary>
    public abstract void RemoveWatcher(ActorProcess watcher);

    /// <summary>The exit signal of a linked actor that terminated: trap it as <see cref="Exited"/>, or die with it.</summary>
    public abstract void OnExitSignal(ActorProcess from, ExitReason reason);

    /// <summary>
    /// The actor's identity across the processes of a cluster, or null for an actor that only this process knows.
    /// Two processes with the same key are the same actor: addresses compare and hash by it.
    /// </summary>
    public virtual string? ClusterKey => null;

    /// <summary>The same process, or another process standing for the same cluster actor (links and monitors are sets of these).</summary>
    public sealed override bool Equals(object? obj) =>
        ReferenceEquals(this, obj)
        || (ClusterKey is { } key && obj is ActorProcess other && string.Equals(key, other.ClusterKey, StringComparison.Ordinal));

    /// <inheritdoc />
    public sealed override int GetHashCode() =>
        ClusterKey is { } key ? StringComparer.Ordinal.GetHashCode(key) : global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

using System.ComponentModel;
using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Supervision;

namespace TypedActors.Remoting;

/// <summary>
/// The base class of what an <see cref="Address"/> points at when the actor lives in another process: a remoting
/// transport derives from it, sends what the runtime hands to <see cref="Tell"/>, <see cref="Ask"/> and
/// <see cref="OnDown"/> and the relation calls (<see cref="ActorProcess.AddLink"/> and the others) to wherever the
/// actor lives, and reports back what it learns. Not for application code.
/// </summary>
/// <remarks>
/// <para>
/// The runtime does the rest: it takes the delivery envelopes apart (a trace context stays behind, runtime signals
/// that cannot cross a process are reported lost to their sender), dead-letters deliveries once the actor is known to
/// be dead, makes <see cref="Completion"/> a monitor of the remote actor, and makes every process with the same
/// <see cref="ClusterKey"/> equal, so addresses compare equal wherever they were read.
/// </para>
/// <para>
/// <see cref="Tell"/> and <see cref="Ask"/> are called on the sender's thread, often inside the sending actor's turn:
/// they must not block. The relation calls come from actors' turns too, and answer at once; what the remote side says
/// later is reported with <see cref="MarkDead"/>, <see cref="ReportDeadOnLink"/> or a <see cref="Down"/> delivered to
/// the watcher.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RemoteProcess : ActorProcess
{
    private readonly ActorSystem _system;
    private readonly string _clusterKey;
    private readonly Type _actorType;
    private readonly long _id;
    private ExitReason? _knownExit;
    private CompletionWatcher? _watcher;

    /// <summary>Creates the process of the actor with cluster key <paramref name="clusterKey"/>, in <paramref name="system"/>.</summary>
    /// <param name="system">The local system whose addresses point at the remote actor.</param>
    /// <param name="clusterKey">The actor's identity across the cluster, as the transport exports and resolves it.</param>
    /// <param name="actorType">The actor's class, or <see cref="Actor"/> when this process does not know it.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clusterKey"/> is empty, or <paramref name="actorType"/> is not an actor class.</exception>
    [SuppressMessage("ApiDesign", "RS0022", Justification = "Deliberate: the one way to derive a process; ActorProcess has no protected members to expose.")]
    protected RemoteProcess(ActorSystem system, string clusterKey, Type actorType)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(clusterKey);
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(Actor).IsAssignableFrom(actorType))
        {
            throw new ArgumentException($"{actorType.FullName} is not an actor class.", nameof(actorType));
        }

        _system = system;
        _clusterKey = clusterKey;
        _actorType = actorType;
        _id = StableId(clusterKey);
    }

    /// <summary>An id derived from the cluster key (FNV-1a), so the same actor prints the same in every process.</summary>
    public sealed override long Id => _id;

    /// <inheritdoc />
    public sealed override Type ActorType => _actorType;

    /// <inheritdoc />
    public sealed override ActorSystem System => _system;

    /// <inheritdoc />
    public sealed override string ClusterKey => _clusterKey;

    /// <summary>True once this process has learned that the actor is dead (see <see cref="MarkDead"/>).</summary>
    public sealed override bool IsDead => Volatile.Read(ref _knownExit) is not null;

    /// <summary>
    /// Completes with the exit reason once the actor has terminated, or with <see cref="ExitReason.NoConnection"/> when
    /// its process is lost. The first read sets up a monitor of the remote actor (<see cref="ActorProcess.AddWatcher"/>
    /// with a watcher the runtime provides); its <see cref="Down"/> completes the task.
    /// </summary>
    public sealed override Task<ExitReason> Completion
    {
        get
        {
            if (Volatile.Read(ref _knownExit) is { } exit)
            {
                return Task.FromResult(exit);
            }

            return Volatile.Read(ref _watcher)?.Down ?? WatchCompletion();
        }
    }

    internal sealed override bool RepliesArriveOffTurn => true; // they come from another process

    internal sealed override void Deliver(object delivery)
    {
        if (delivery is TracedMessage traced)
        {
            delivery = traced.Message; // trace context does not cross processes yet
        }

        if (Volatile.Read(ref _knownExit) is { } exit)
        {
            DeadLetterDelivery(delivery, DeadLetterReason.RecipientDead, exit);
            return;
        }

        switch (delivery)
        {
            case Reply reply:
                Ask(new RemoteAsk(reply));
                break;
            case Down { Who.Process: { } who } down:
                OnDown(who, down.Reason);
                break;
            case IUndeliverable undeliverable:
                undeliverable.OnUndelivered(); // a runtime signal has no wire format: its sender must learn it was lost
                break;
            default:
                Tell(delivery);
                break;
        }
    }

    /// <summary>
    /// Sends a message to the actor. It is the sender's copy, serialized for the wire (see
    /// <see cref="Copying.Serialization.WireMessages"/>). A message that cannot be sent becomes a dead letter
    /// (<see cref="DeadLetter(object, DeadLetterReason)"/>); one without a wire format may throw to the sender instead.
    /// </summary>
    protected abstract void Tell(object message);

    /// <summary>Sends a request to the actor; <paramref name="ask"/> is completed or failed when the answer comes back.</summary>
    protected abstract void Ask(RemoteAsk ask);

    /// <summary>
    /// The local actor <paramref name="who"/>, which the remote actor monitors (it called <see cref="ActorProcess.AddWatcher"/>
    /// on it with this process), terminated: the remote actor must get its <see cref="Down"/>.
    /// </summary>
    protected abstract void OnDown(ActorProcess who, ExitReason reason);

    /// <summary>
    /// Records that the actor is dead: <see cref="IsDead"/> turns true and later deliveries become dead letters here.
    /// <see cref="ExitReason.NoConnection"/> is not recorded, since an unreachable actor may live on (a process that is
    /// declared lost for good is reported with <see cref="MarkLost"/>). Returns true the first time (and then calls
    /// <see cref="OnFoundDead"/>).
    /// </summary>
    protected bool MarkDead(ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Kind != ExitKind.NoConnection && Record(reason);
    }

    /// <summary>
    /// Records that the process hosting the actor is lost for good (for example, cluster membership declared its node
    /// dead): the actor counts as dead with <see cref="ExitReason.NoConnection"/>, exactly as <see cref="MarkDead"/>
    /// records another reason, so <see cref="IsDead"/> turns true, <see cref="Completion"/> completes with it, later
    /// tells become dead letters and later asks fail with <see cref="DeadActorException"/>. Returns true the first time.
    /// </summary>
    protected bool MarkLost() => Record(ExitReason.NoConnection);

    /// <summary>
    /// True when the remote actor is reactivated by the next message after it ends (a durable actor of a cluster, which
    /// recovers from its journal wherever it is activated next): its end is then never recorded. <see cref="IsDead"/>
    /// stays false, and <see cref="MarkDead"/> and <see cref="MarkLost"/> record nothing and complete nothing: an answer
    /// "dead" comes from one ending incarnation, maybe late, and says nothing of the one <see cref="Completion"/>
    /// watches. <see cref="Completion"/> completes with the <see cref="Down"/> of its own monitor only, with the real
    /// exit reason of the incarnation it watched; a later read watches the next one. False by default.
    /// </summary>
    protected virtual bool Reactivates => false;

    private bool Record(ExitReason reason)
    {
        if (Reactivates)
        {
            return false; // the incarnation ended, not the actor
        }

        if (Interlocked.CompareExchange(ref _knownExit, reason, null) is not null)
        {
            return false;
        }

        Volatile.Read(ref _watcher)?.Complete(reason); // an awaited Completion learns it here too, not only from a Down
        OnFoundDead(reason);
        return true;
    }

    /// <summary>Called once, when this process first learns that the actor is dead, e.g. to drop what it kept to reach it.</summary>
    protected virtual void OnFoundDead(ExitReason reason)
    {
    }

    /// <summary>Publishes a message given to <see cref="Tell"/> that did not reach the actor as a dead letter.</summary>
    protected void DeadLetter(object message, DeadLetterReason reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.DeadLetters.Publish(message, Address, reason);
    }

    /// <summary>
    /// The actor was dead when <paramref name="ask"/> reached it: the asker fails with <see cref="DeadActorException"/>
    /// and the request becomes a dead letter (<see cref="DeadLetterReason.RecipientDead"/>).
    /// </summary>
    protected void DeadLetter(RemoteAsk ask, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        DeadLetterDelivery(ask.Reply, DeadLetterReason.RecipientDead, reason);
    }

    /// <summary>
    /// The answer to <see cref="ActorProcess.AddLink"/> (which returned null) came back: the actor was already dead.
    /// Delivers its exit to <paramref name="linker"/> as if <c>AddLink</c> had returned <paramref name="reason"/>: inside
    /// the linking actor's next turn, so that its side of the link is recorded first.
    /// </summary>
    protected void ReportDeadOnLink(ActorProcess linker, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(reason);
        linker.Post(static state =>
        {
            var (linker, self, reason) = ((ActorProcess, RemoteProcess, ExitReason))state!;
            linker.OnExitSignal(self, reason);
        }, (linker, this, reason));
    }

    private Task<ExitReason> WatchCompletion()
    {
        // The monitor's Down is final, noconnection included (the actor's process was declared lost): it is recorded
        // before Completion completes, so whoever awaited Completion finds IsDead true.
        CompletionWatcher? watcher = null;
        watcher = new CompletionWatcher(_system, reason =>
        {
            if (Reactivates)
            {
                // This incarnation ended: the next read of Completion watches the next one (cleared before the task
                // completes, so a loop awaiting Completion never reads the completed task again).
                Interlocked.CompareExchange(ref _watcher, null, watcher);
            }
            else
            {
                Record(reason);
            }
        });
        if (Interlocked.CompareExchange(ref _watcher, watcher, null) is { } other)
        {
            return other.Down; // another thread set the monitor up first
        }

        if (Volatile.Read(ref _knownExit) is { } known)
        {
            watcher.Complete(known); // recorded while the monitor was being set up: no Down would come for it
        }
        else if (AddWatcher(watcher) is { } dead)
        {
            watcher.Complete(dead);
        }

        return watcher.Down;
    }

    private static long StableId(string key)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash & long.MaxValue);
    }
}

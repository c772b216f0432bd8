using TypedActors.Mailbox;
using TypedActors.Remoting;

namespace TypedActors.Cell;

/// <summary>
/// A local actor: its mailbox, its scheduling state and its lifecycle. The cell runs its actor in turns on the thread
/// pool: a turn handles up to <see cref="ActorSystemOptions.Throughput"/> items, then yields the thread.
/// </summary>
/// <remarks>
/// Scheduling is one status word. A producer enqueues, then moves the word from idle to scheduled with a CAS and, if
/// it won, queues the cell on the thread pool; so at most one thread runs the actor at a time. A turn ends by setting
/// the word back to idle with a full fence (<see cref="Interlocked.Exchange(ref int, int)"/>) and then looking for
/// work again: a plain store could be reordered after that look and lose the wake-up of a concurrent producer.
/// While a handler awaits, the cell dispatches no message; the handler's continuations are posted to the cell (its own
/// <see cref="SynchronizationContext"/>) and run inside its turns, ahead of the mailbox. This file holds the cell's
/// identity and state words; the other partial files one concern each: delivery and the turn loop (Turn), handlers
/// and hooks (Handling), stop, kill and termination (Lifecycle), restarts by a supervisor (Supervision), children,
/// links and monitors (Links), selective receive (Receive), timers, and the synchronization context (Context).
/// </remarks>
internal sealed partial class ActorCell : ActorProcess, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private const int Starting = 0;
    private const int Running = 1;
    private const int Suspended = 2;   // a supervised actor between instances: messages wait, nothing is dispatched
    private const int Terminating = 3;
    private const int Dead = 4;

    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    private readonly ActorSystem _system;
    private readonly long _id;
    private readonly ActorCell? _parent;
    private Type _actorType;
    private Actor? _actor;
    private MpscQueue _mailbox;
    private MailboxBound? _bound; // null for an unbounded mailbox (see ActorCell.Backpressure.cs)
    private int _scheduling;
    private int _state;
    private volatile bool _stopRequested;
    private volatile bool _killRequested;
    private CellExtras? _extras;
    private uint _handled; // messages dispatched; written only inside the actor's turn (see ActorCell.Introspection.cs)

    // Why the current instance ended (null while it runs). Kept in the cell, not in the rarely-used state, so an actor
    // that nobody watches or awaits terminates without allocating that state. Written on the actor's turn before the
    // state word moves to Terminating, Suspended or Dead, so whoever reads that state word sees the reason.
    private ExitReason? _exitReason;

    public ActorCell(ActorSystem system, long id, Type actorType, ActorCell? parent)
    {
        _system = system;
        _id = id;
        _actorType = actorType;
        _parent = parent;
    }

    /// <summary>The actor whose turn is running on this thread, if any.</summary>
    public static ActorCell? CurrentActor => t_current;

    public override long Id => _id;

    public override Type ActorType => _actorType;

    public override ActorSystem System => _system;

    public override bool IsDead => Volatile.Read(ref _state) >= Terminating;

    /// <summary>Why the actor ended, from the moment it began terminating; null while it runs or between instances.</summary>
    public ExitReason? ExitReasonIfEnded => IsDead ? Volatile.Read(ref _exitReason) : null;

    public long QueuedCount => _mailbox.ApproximateCount + (Volatile.Read(ref _extras)?.Saved?.Count ?? 0);

    /// <summary>
    /// True when the actor runs and has nothing to do: no message queued or saved by a selective receive, no turn
    /// scheduled or running, no handler or hook awaiting. Read off the actor's turn, so a snapshot (see
    /// <see cref="Remoting.RemotingContext.IsQuiescent"/>).
    /// </summary>
    public bool IsQuiescent =>
        Volatile.Read(ref _state) == Running
        && Volatile.Read(ref _scheduling) == Idle
        && QueuedCount == 0
        && Volatile.Read(ref _extras) is not { PendingKind: not PendingKind.None };

    private CellExtras Extras
    {
        get
        {
            CellExtras? extras = Volatile.Read(ref _extras);
            if (extras is null)
            {
                var created = new CellExtras();
                extras = Interlocked.CompareExchange(ref _extras, created, null) ?? created;
            }

            return extras;
        }
    }

    /// <summary>Whether the rarely-used state exists; tests check that plain short-lived actors never allocate it.</summary>
    internal bool HasExtras => Volatile.Read(ref _extras) is not null;

    // ---- creation ----------------------------------------------------------------------------------------------

    /// <summary>Marks <paramref name="cell"/> as the cell the next <see cref="Actor"/> constructor on this thread binds to.</summary>
    public static ActorCell? BeginConstruction(ActorCell cell)
    {
        ActorCell? previous = t_constructing;
        t_constructing = cell;
        return previous;
    }

    public static void EndConstruction(ActorCell? previous) => t_constructing = previous;

    /// <summary>Called by the <see cref="Actor"/> constructor: exactly one instance binds to a spawning cell.</summary>
    public static ActorCell? TakeConstructing()
    {
        ActorCell? cell = t_constructing;
        t_constructing = null;
        return cell;
    }

    public void Attach(Actor actor)
    {
        _actor = actor;
        _actorType = actor.GetType();
    }

    public override string ToString() => Address.ToString();
}

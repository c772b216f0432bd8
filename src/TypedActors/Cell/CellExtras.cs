using TypedActors.Dispatching;
using TypedActors.Mailbox;
using TypedActors.Receive;
using TypedActors.Remoting;
using TypedActors.Supervision;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>The message a handler is working on, and what to finish when it completes.</summary>
    private readonly record struct Handling(object? Message, Reply? Reply, long Started, System.Diagnostics.Activity? Activity);

    private enum PendingKind : byte
    {
        None,
        Starting,
        Handler,
        Stopping,
    }

    /// <summary>
    /// State most actors never need, allocated on first use to keep idle actors small. Fields touched only inside the
    /// actor's turn need no lock; the lock on this object guards the ones other threads reach (completion, children,
    /// stopping token, timers).
    /// </summary>
    private sealed class CellExtras
    {
        // Turn-only state.
        public MpscQueue Continuations;
        public ValueTask PendingTask;
        public PendingKind PendingKind;
        public Handling PendingHandling;
        public Action? PendingCompleted;
        public ReceiveWaiter? Waiter;
        public LinkedList<object>? Saved;
        public TimeSpan ReceiveTimeout;
        public ITimer? ReceiveTimer;

        // Read by other actors' turns (the wait-for graph of full mailboxes); written by this actor's turn.
        public volatile RoomWaiter? WaitingForRoom;

        // Shared state, under lock(this).
        public HashSet<ActorCell>? Children;
        public HashSet<ActorTimer>? Timers;
        public HashSet<ActorProcess>? Links;
        public HashSet<ActorProcess>? Watchers;
        public HashSet<ActorProcess>? Watching;
        public ExitReason? KillReason;
        public SupervisionSlot? Supervision;
        public TaskCompletionSource<ExitReason>? Completion;
        public CancellationTokenSource? Stopping;
        public string? ClusterKey;
        public Persistence.PersistenceBinding? Persistence;

        public void RestartReceiveTimeout() => ReceiveTimer?.Change(ReceiveTimeout, Timeout.InfiniteTimeSpan);
    }
}

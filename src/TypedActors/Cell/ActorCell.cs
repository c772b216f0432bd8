using System.Diagnostics;
using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Mailbox;

namespace TypedActors;

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
/// <see cref="SynchronizationContext"/>) and run inside its turns, ahead of the mailbox. The other partial files hold
/// the lifecycle, selective receive, timers and the synchronization context.
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

    public Address Address => new(this);

    public long QueuedCount => _mailbox.ApproximateCount + (Volatile.Read(ref _extras)?.Saved?.Count ?? 0);

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

    // ---- delivery and scheduling -------------------------------------------------------------------------------

    public override void Deliver(object message)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            DeadLetter(message, DeadLetterReason.RecipientDead);
            return;
        }

        // A racing termination may drain the mailbox before this lands; the schedule below then runs a turn that
        // finds the actor dead and dead-letters the message, so nothing is lost.
        _mailbox.Enqueue(message);
        TrySchedule();
    }

    public override void DeliverAndRunHere(object message)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            DeadLetter(message, DeadLetterReason.RecipientDead);
            return;
        }

        _mailbox.Enqueue(message);
        Interlocked.MemoryBarrier(); // as in TrySchedule
        if (Volatile.Read(ref _scheduling) == Idle && Interlocked.CompareExchange(ref _scheduling, Scheduled, Idle) == Idle)
        {
            // Run as a task of the default scheduler, inline: the turn must not see the caller's task scheduler as
            // TaskScheduler.Current (a transport's own scheduler), exactly as a turn queued to the thread pool does not.
            new Task(static cell => ((ActorCell)cell!).Execute(), this).RunSynchronously(TaskScheduler.Default);
        }
    }

    public void TrySchedule()
    {
        // The full fence makes the producer's enqueue visible before it reads the status word: without it the read
        // could be reordered before that store (store-load reordering, even on x86) and miss a turn that is just going
        // idle, leaving the message unnoticed in the mailbox. A fence, then a plain read, rather than a CAS every
        // time: a CAS on an actor that is already scheduled would still pull its status cache line away from the core
        // running it, on every message.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _scheduling) == Idle && Interlocked.CompareExchange(ref _scheduling, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    public void Execute()
    {
        SynchronizationContext? outerContext = SynchronizationContext.Current;
        ActorCell? outerCell = t_current;
        SetSynchronizationContext(this);
        t_current = this;
        try
        {
            RunTurn();
        }
        finally
        {
            t_current = outerCell;
            SetSynchronizationContext(outerContext);
        }

        Interlocked.Exchange(ref _scheduling, Idle);
        if (HasRunnableWork())
        {
            TrySchedule();
        }
    }

    private void RunTurn()
    {
        // Whether anyone listens to per-message telemetry, read once per turn rather than once per message: a turn
        // nobody observes dispatches without touching instruments, trace contexts or handler bookkeeping. A listener
        // that attaches during a turn is seen from the next turn on.
        bool observed = _system.Metrics.MeasuresMessages || ActorTelemetry.Source.HasListeners();
        for (int budget = _system.Throughput; budget > 0; budget--)
        {
            CellExtras? extras = _extras;
            if (extras is not null && extras.Continuations.TryDequeue(out object? continuation))
            {
                RunContinuation((Continuation)continuation);
                continue;
            }

            int state = _state;
            if (state >= Terminating)
            {
                DrainMessages();
                return;
            }

            if (state == Suspended)
            {
                return; // only continuations run until the supervisor restarts or terminates the actor
            }

            if (extras is not null && extras.PendingKind != PendingKind.None)
            {
                // A handler or hook is awaiting; its continuation reschedules the actor. Meanwhile only a selective
                // receive can take messages.
                if (extras.Waiter is null || !OfferNextToWaiter(extras))
                {
                    return;
                }

                continue;
            }

            if (state == Starting)
            {
                Start();
                continue;
            }

            if (_killRequested || _stopRequested || extras?.Supervision?.SuspendRequested == true)
            {
                BeginTermination(_killRequested ? KillReason : ExitReason.Normal);
                continue;
            }

            if (!TryTakeNext(extras, out object? item))
            {
                _mailbox.TryShrink(); // a drained burst gives its large ring back
                return;
            }

            Process(item, observed);
        }
    }

    /// <summary>Whether a turn would make progress now. Must agree with <see cref="RunTurn"/>, or idle actors spin.</summary>
    private bool HasRunnableWork()
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        if (extras is not null && extras.Continuations.HasItems)
        {
            return true;
        }

        int state = Volatile.Read(ref _state);
        if (state >= Terminating)
        {
            return _mailbox.HasItems;
        }

        if (state == Suspended)
        {
            return false;
        }

        if (extras is not null && extras.PendingKind != PendingKind.None)
        {
            return extras.Waiter is not null && _mailbox.HasItems;
        }

        return state == Starting || _killRequested || _stopRequested || extras?.Supervision?.SuspendRequested == true
            || extras?.Saved is { Count: > 0 } || _mailbox.HasItems;
    }

    /// <summary>The next message to dispatch: first those a selective receive skipped, in order, then the mailbox.</summary>
    private bool TryTakeNext(CellExtras? extras, [NotNullWhen(true)] out object? item)
    {
        if (extras?.Saved is { Count: > 0 } saved)
        {
            item = saved.First!.Value;
            saved.RemoveFirst();
            return true;
        }

        return _mailbox.TryDequeue(out item);
    }

    // ---- handling ----------------------------------------------------------------------------------------------

    private void Start()
    {
        Volatile.Write(ref _state, Running);
        Task started;
        try
        {
            started = _actor!.InvokeOnStarted();
        }
        catch (Exception exception)
        {
            Fail(exception, message: null, reply: null);
            return;
        }

        Observe(new ValueTask(started), PendingKind.Starting, default);
    }

    /// <summary>Dispatches one queued item: a message, an ask's request, or a message that carries a trace context.</summary>
    private void Process(object item, bool observed)
    {
        Reply? reply = item as Reply;
        TracedMessage? traced = reply is null ? item as TracedMessage : null;
        object message = reply?.Message ?? traced?.Message ?? item;
        if (message is State.StateCapture capture)
        {
            capture.Run(_actor!, reply); // between two messages: the snapshot sees no handler half-way
            return;
        }

        _handled++;

        if (observed)
        {
            ProcessObserved(message, reply, reply?.TraceParent ?? traced?.Parent ?? default);
            return;
        }

        ValueTask handled;
        try
        {
            handled = _actor!.Dispatch(message, reply);
        }
        catch (Exception exception)
        {
            Fail(exception, message, reply);
            return;
        }

        if (handled.IsCompletedSuccessfully)
        {
            handled.GetAwaiter().GetResult(); // a task source from a pool goes back to it only when its result is read
        }
        else
        {
            // Awaiting or failed: parked or finished as in an observed turn, without a duration or an activity.
            Observe(handled, PendingKind.Handler, new Handling(message, reply, Started: 0, Activity: null));
        }

        _extras?.RestartReceiveTimeout();
    }

    /// <summary>Dispatches a message in a turn someone observes: metrics, and a handler activity when it carries a trace.</summary>
    private void ProcessObserved(object message, Reply? reply, ActivityContext traceParent)
    {
        var handling = new Handling(
            message,
            reply,
            _system.Metrics.HandlerDuration.Enabled ? Stopwatch.GetTimestamp() : 0,
            traceParent == default ? null : StartHandlerActivity(message, traceParent));
        ValueTask handled;
        try
        {
            handled = _actor!.Dispatch(message, reply);
        }
        catch (Exception exception)
        {
            Completed(handling, exception);
            Fail(exception, message, reply);
            return;
        }
        finally
        {
            if (handling.Activity is not null)
            {
                Activity.Current = handling.Activity.Parent; // the next message must not run inside this trace
            }
        }

        Observe(handled, PendingKind.Handler, handling);
        _extras?.RestartReceiveTimeout();
    }

    private Activity? StartHandlerActivity(object message, ActivityContext parent) =>
        ActorTelemetry.Source.StartActivity($"{_actorType.Name} receive {message.GetType().Name}", ActivityKind.Consumer, parent)
            ?.SetTag("typedactors.actor", Address.ToString())
            .SetTag("typedactors.message.type", message.GetType().FullName);

    /// <summary>Metrics and trace of a handler that has finished, successfully or not.</summary>
    private void Completed(in Handling handling, Exception? failure)
    {
        ActorSystemMetrics metrics = _system.Metrics;
        if (metrics.Processed.Enabled)
        {
            metrics.MessageProcessed(_actorType);
        }

        if (handling.Started != 0)
        {
            metrics.HandlerCompleted(_actorType, handling.Started);
        }

        if (handling.Activity is { } activity)
        {
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.Message);
            }

            activity.Stop();
        }
    }

    /// <summary>Finishes a handler or hook now, or parks it until its task completes.</summary>
    private void Observe(ValueTask task, PendingKind kind, in Handling handling)
    {
        if (task.IsCompleted)
        {
            Finish(task, kind, handling);
            return;
        }

        CellExtras extras = Extras;
        extras.PendingTask = task;
        extras.PendingKind = kind;
        extras.PendingHandling = handling;

        // Registered while this cell is the current synchronization context, so the callback comes back into a turn.
        task.ConfigureAwait(true).GetAwaiter().UnsafeOnCompleted(extras.PendingCompleted ??= OnPendingCompleted);
    }

    private void OnPendingCompleted()
    {
        CellExtras extras = _extras!;
        ValueTask task = extras.PendingTask;
        PendingKind kind = extras.PendingKind;
        Handling handling = extras.PendingHandling;
        extras.PendingTask = default;
        extras.PendingKind = PendingKind.None;
        extras.PendingHandling = default;
        Finish(task, kind, handling);
    }

    private void Finish(ValueTask task, PendingKind kind, in Handling handling)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            if (kind == PendingKind.Stopping)
            {
                _system.ReportError(Address, exception, "OnStopped");
                AfterOnStopped();
            }
            else
            {
                if (kind == PendingKind.Handler)
                {
                    Completed(handling, exception);
                }

                Fail(exception, handling.Message, handling.Reply);
            }

            return;
        }

        switch (kind)
        {
            case PendingKind.Handler:
                Completed(handling, failure: null);
                break;
            case PendingKind.Stopping:
                AfterOnStopped();
                break;
            case PendingKind.Starting:
                _extras?.Supervision?.OnInstanceStarted(this);
                break;
        }
    }

    private void RunContinuation(Continuation continuation)
    {
        try
        {
            continuation.Invoke();
        }
        catch (Exception exception)
        {
            // Only code the actor started without awaiting it (e.g. an async void method) throws here.
            Fail(exception, message: null, reply: null);
        }
    }

    public void OnUnhandled(object message, Reply? reply)
    {
        reply?.Fail(new UnhandledMessageException(Address, message.GetType()));
        _system.DeadLetters.Publish(message, Address, DeadLetterReason.Unhandled);
    }

    public override string ToString() => Address.ToString();
}

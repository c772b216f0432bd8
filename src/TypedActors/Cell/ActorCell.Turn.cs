using TypedActors.Diagnostics;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    internal override void Deliver(object delivery) => TryDeliver(delivery);

    /// <summary>Delivers a user message; false when a full mailbox refused it (it is then a dead letter, an ask fails).</summary>
    internal override bool TryDeliver(object delivery)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            DeadLetter(delivery, DeadLetterReason.RecipientDead);
            return true;
        }

        if (_bound is { } bound && !bound.TryAdmit() && !AdmitWhenFull(bound, delivery))
        {
            return false;
        }

        // A racing termination may drain the mailbox before this lands; the schedule below then runs a turn that
        // finds the actor dead and dead-letters the message, so nothing is lost.
        _mailbox.Enqueue(delivery);
        TrySchedule();
        return true;
    }

    internal override void DeliverAndRunHere(object delivery)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            DeadLetter(delivery, DeadLetterReason.RecipientDead);
            return;
        }

        if (_bound is { } bound && !bound.TryAdmit() && !AdmitWhenFull(bound, delivery))
        {
            return;
        }

        _mailbox.Enqueue(delivery);
        Interlocked.MemoryBarrier(); // as in TrySchedule
        if (Volatile.Read(ref _scheduling) == Idle && Interlocked.CompareExchange(ref _scheduling, Scheduled, Idle) == Idle)
        {
            _system.WorkTracker?.WorkScheduled();

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
            _system.WorkTracker?.WorkScheduled(); // once per turn, never per message: only the producer that wins counts
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
        if (_bound is { HasWaiters: true })
        {
            // After the full fence above: a sender that queued itself meanwhile is seen here, or sees the room freed in
            // this turn itself (see WaitForRoom). Runs on this thread while a new turn may have started: it only
            // reserves room and enqueues, as a producer does.
            HandOffRoom();
        }

        if (HasRunnableWork())
        {
            TrySchedule();
        }

        // Counted until after the look for more work: a next turn it schedules is counted before this one stops counting.
        _system.WorkTracker?.WorkEnded();
    }

    private void RunTurn()
    {
        // Whether anyone listens to per-message telemetry, read once per turn rather than once per message: a turn
        // nobody observes dispatches without touching instruments, trace contexts or handler bookkeeping. A listener
        // that attaches during a turn is seen from the next turn on.
        bool observed = _system.Metrics.MeasuresMessages || ActorTelemetry.Source.HasListeners();
        for (int budget = _system.Throughput; budget > 0; budget--)
        {
            CellExtras? extras = Volatile.Read(ref _extras);
            switch (NextStep(extras))
            {
                case TurnStep.RunContinuation:
                    if (extras!.Continuations.TryDequeue(out object? continuation))
                    {
                        RunContinuation((Continuation)continuation);
                    }

                    break;
                case TurnStep.Start:
                    Start();
                    break;
                case TurnStep.Terminate:
                    BeginTermination(_killRequested ? KillReason : ExitReason.Normal);
                    break;
                case TurnStep.OfferToWaiter:
                    if (!OfferNextToWaiter(extras!))
                    {
                        return;
                    }

                    break;
                case TurnStep.Dispatch:
                    if (!TryTakeNext(extras, out object? item))
                    {
                        _mailbox.TryShrink(); // a drained burst gives its large ring back
                        return;
                    }

                    Process(item, observed);
                    break;
                case TurnStep.DrainDead:
                    DrainMessages();
                    return;
                default:
                    return; // TurnStep.Wait
            }
        }
    }

    /// <summary>
    /// Whether a turn would make progress now: its next step needs no message, or the message it takes is there. Asked
    /// after every turn, with the same <see cref="NextStep"/> the turn follows, so the two cannot disagree (a turn that
    /// would do nothing must not be scheduled again, or an idle actor spins; work a turn would do must not be missed).
    /// </summary>
    private bool HasRunnableWork()
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        return NextStep(extras) switch
        {
            TurnStep.Wait => false,
            TurnStep.Dispatch => extras?.Saved is { Count: > 0 } || _mailbox.HasItems, // what TryTakeNext takes
            TurnStep.OfferToWaiter or TurnStep.DrainDead => _mailbox.HasItems,
            _ => true, // a continuation, OnStarted or the start of termination
        };
    }

    /// <summary>What a turn does next, in order of priority (see <see cref="NextStep"/>).</summary>
    private enum TurnStep : byte
    {
        /// <summary>Nothing until something schedules the actor: a handler's continuation, or its supervisor's decision.</summary>
        Wait,

        /// <summary>Run a continuation of the actor's own code: they go ahead of the mailbox.</summary>
        RunContinuation,

        /// <summary>Run <c>OnStarted</c>.</summary>
        Start,

        /// <summary>Begin terminating: a kill, a stop or a supervisor's suspension was requested.</summary>
        Terminate,

        /// <summary>A handler awaits in a selective receive: offer it the next mailbox message, if there is one.</summary>
        OfferToWaiter,

        /// <summary>Dispatch the next message, if there is one.</summary>
        Dispatch,

        /// <summary>The actor is terminating or dead: dead-letter whatever is queued, and end the turn.</summary>
        DrainDead,
    }

    /// <summary>
    /// The one decision behind a turn: what it does next. <see cref="RunTurn"/> follows it step by step and
    /// <see cref="HasRunnableWork"/> asks it whether another turn is needed. The steps that take a message
    /// (<see cref="TurnStep.Dispatch"/>, <see cref="TurnStep.OfferToWaiter"/>, <see cref="TurnStep.DrainDead"/>) do
    /// not look at the queue here: the turn tries to take one, and the look after the turn checks that one is there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TurnStep NextStep(CellExtras? extras)
    {
        if (extras is not null && extras.Continuations.HasItems)
        {
            return TurnStep.RunContinuation;
        }

        int state = Volatile.Read(ref _state);
        if (state >= Terminating)
        {
            return TurnStep.DrainDead;
        }

        if (state == Suspended)
        {
            return TurnStep.Wait; // only continuations run until the supervisor restarts or terminates the actor
        }

        if (extras is not null && extras.PendingKind != PendingKind.None)
        {
            // A handler or hook is awaiting; its continuation reschedules the actor. Meanwhile only a selective
            // receive can take messages.
            return extras.Waiter is null ? TurnStep.Wait : TurnStep.OfferToWaiter;
        }

        if (state == Starting)
        {
            // A new cell is Starting before its instance is attached. A turn scheduled meanwhile (a child that failed at
            // once, telling its supervisor whose constructor still runs) waits: the spawn schedules the start itself
            // once the instance is attached, and a turn ending here sees the attached instance after its fence.
            return _actor is null ? TurnStep.Wait : TurnStep.Start;
        }

        if (_killRequested || _stopRequested || extras?.Supervision?.SuspendRequested == true)
        {
            return TurnStep.Terminate;
        }

        return TurnStep.Dispatch;
    }

    /// <summary>
    /// The next message to dispatch: first those a selective receive skipped, in order, then the mailbox. A bounded
    /// mailbox that owes drops (<see cref="MailboxOverflow.DropOldest"/>) dead-letters its oldest user messages here.
    /// </summary>
    private bool TryTakeNext(CellExtras? extras, [NotNullWhen(true)] out object? item)
    {
        while (true)
        {
            if (extras?.Saved is { Count: > 0 } saved)
            {
                item = saved.First!.Value;
                saved.RemoveFirst();
            }
            else if (!_mailbox.TryDequeue(out item))
            {
                return false;
            }

            if (_bound is null)
            {
                return true;
            }

            item = Leave(item, out bool counted);
            if (!counted || !_bound.TryTakeDropDebt())
            {
                return true;
            }

            RefuseDelivery(item); // dropped as the oldest to make room for a newer message
        }
    }
}

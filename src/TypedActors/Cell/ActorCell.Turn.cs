using TypedActors.Diagnostics;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
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
}

using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Remoting;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    public override Task<ExitReason> Completion
    {
        get
        {
            if (Volatile.Read(ref _state) == Dead)
            {
                return Ended(_exitReason!); // a dead actor answers without allocating its rarely-used state
            }

            CellExtras extras = Extras;
            lock (extras)
            {
                if (_state == Dead)
                {
                    return Ended(_exitReason!);
                }

                extras.Completion ??= new TaskCompletionSource<ExitReason>(TaskCreationOptions.RunContinuationsAsynchronously);
                return extras.Completion.Task;
            }
        }
    }

    public CancellationToken StoppingToken
    {
        get
        {
            CellExtras extras = Extras;
            lock (extras)
            {
                if (_state == Dead || _killRequested)
                {
                    return new CancellationToken(canceled: true);
                }

                extras.Stopping ??= new CancellationTokenSource();
                return extras.Stopping.Token;
            }
        }
    }

    public override void Stop()
    {
        if (Volatile.Read(ref _state) == Suspended)
        {
            TerminateForGood(); // stopping an actor that waits for its restart means: do not restart it
            return;
        }

        _stopRequested = true;
        TrySchedule();
    }

    /// <summary>True while the actor is starting or running (not between instances, not terminating).</summary>
    public bool IsActive => Volatile.Read(ref _state) <= Running;

    /// <summary>
    /// Kills the actor with <paramref name="reason"/> (killed, or the reason a link's exit signal carries): no further
    /// message is dispatched; a pending <c>Receive</c> throws <see cref="KilledException"/>; the stopping token is
    /// cancelled; the actor dies with the reason once its current handler returns.
    /// </summary>
    public override void Kill(ExitReason reason)
    {
        CancellationTokenSource? stopping;
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_killRequested || _state >= Suspended)
            {
                return;
            }

            extras.KillReason = reason;
            _killRequested = true;
            stopping = extras.Stopping;
        }

        CancelQuietly(stopping);
        Post(static state => ((ActorCell)state!).InterruptWaiter(), this);
    }

    /// <summary>Why a handler failed: the exception, the message it was handling, and the ask to fault.</summary>
    private readonly record struct Failure(Exception Exception, object? Message, Reply? Reply);

    private ExitReason KillReason => Volatile.Read(ref _extras)?.KillReason ?? ExitReason.Killed;

    private void InterruptWaiter()
    {
        CellExtras extras = Extras;
        if (extras.Waiter is { } waiter)
        {
            extras.Waiter = null;
            waiter.Fail(new KilledException(Address));
        }
    }

    /// <summary>A handler, hook or stray continuation threw: the actor fails (or, when killed, dies with the kill's reason).</summary>
    private void Fail(Exception exception, object? message, Reply? reply)
    {
        if (Volatile.Read(ref _state) >= Suspended)
        {
            // Already between instances or on its way out (e.g. an async void continuation threw during OnStopped).
            reply?.Fail(exception);
            _system.ReportError(Address, exception, "after termination began");
            return;
        }

        // A kill is final: whatever the actor threw on its way out (usually the KilledException itself), it was killed.
        ExitReason reason = _killRequested ? KillReason : ExitReason.Failed(exception);
        BeginTermination(reason, new Failure(exception, message, reply));
    }

    /// <summary>
    /// Ends the current instance. The actor is dead to the outside from here on (new messages are dead-lettered, asks
    /// fail fast) unless a supervisor may restart it, in which case it is suspended and its queued messages wait for
    /// the new instance. Either way: the failing ask is faulted and the failing message dead-lettered first, then
    /// timers and children are stopped, and OnStopped runs.
    /// </summary>
    private void BeginTermination(ExitReason reason, Failure? failure = null)
    {
        _exitReason = reason;
        if (reason.Kind == ExitKind.Failed)
        {
            ActorLog.ActorFailed(_system.Logger, Address, reason, reason.Exception);
            _system.ReportFailure(Address, reason);
        }

        bool suspend = Volatile.Read(ref _extras)?.Supervision?.MayRestart == true; // set before the first turn
        // A full fence, not a release store: the rarely-used state is read below, after this write. Another thread
        // that creates that state (to add a child or a timer) does so with a CAS and then checks the state word under
        // its lock; the fence makes sure that either this turn sees the state and stops what was added, or that thread
        // sees the actor terminating and adds nothing.
        Interlocked.Exchange(ref _state, suspend ? Suspended : Terminating);

        if (failure is { } failed)
        {
            failed.Reply?.Fail(failed.Exception);
            if (failed.Message is { } message)
            {
                _system.DeadLetters.Publish(message, Address, DeadLetterReason.HandlerFailed);
            }
        }

        if (!suspend)
        {
            DrainMessages();
        }

        if (Volatile.Read(ref _extras) is { } extras)
        {
            extras.Waiter = null;
            StopTimers(extras);
            StopChildren(extras);
        }

        Task stopped;
        try
        {
            stopped = _actor!.InvokeOnStopped();
        }
        catch (Exception exception)
        {
            _system.ReportError(Address, exception, "OnStopped");
            AfterOnStopped();
            return;
        }

        Observe(new ValueTask(stopped), PendingKind.Stopping, default);
    }

    private void AfterOnStopped()
    {
        if (Volatile.Read(ref _state) == Suspended)
        {
            ReleaseInstance();
            Extras.Supervision!.OnInstanceStopped(this, _exitReason!);
        }
        else
        {
            FinishTermination();
        }
    }

    private void FinishTermination()
    {
        ExitReason reason = _exitReason!;
        TaskCompletionSource<ExitReason>? completion = null;
        CancellationTokenSource? stopping = null;
        ActorProcess[] links = [], watchers = [], watching = [];

        // Out of the registry before it is Dead: a Completion asked for from the moment it is Dead answers at once,
        // and whoever awaited it must find the actor gone from ActorCount and TryGetActor too.
        _system.Registry.Remove(this);
        CellExtras? extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            // Nobody linked, monitored or awaited this actor: it dies without allocating its rarely-used state. The
            // full fence pairs with the CAS that creates that state (Extras): either the read below sees the state,
            // and its lock is taken to collect what was registered, or its creator sees Dead under its lock and
            // registers nothing.
            Interlocked.Exchange(ref _state, Dead);
            extras = Volatile.Read(ref _extras);
        }

        if (extras is not null)
        {
            lock (extras)
            {
                Volatile.Write(ref _state, Dead);
                completion = extras.Completion;
                stopping = extras.Stopping;
                links = Take(ref extras.Links);
                watchers = Take(ref extras.Watchers);
                watching = Take(ref extras.Watching);
            }
        }

        _actor = null; // the instance and its state are garbage from here on
        extras?.Persistence?.OnTerminated(reason); // before Completion: a respawn awaiting it finds the id released
        _parent?.RemoveChild(this);
        DrainMessages();
        CancelQuietly(stopping);
        stopping?.Dispose();
        if (completion is not null)
        {
            CompleteAfterRelease(completion, extras!.Persistence, reason);
        }

        SignalTermination(links, watchers, watching, reason);
    }

    /// <summary>
    /// The completion of an actor that has terminated: at once, or for a persistent actor once its persistence id is
    /// released in the journal, so that whoever awaited it can spawn the id from another journal or process at once.
    /// </summary>
    private Task<ExitReason> Ended(ExitReason reason) =>
        _extras?.Persistence is { Released: { IsCompleted: false } released }
            ? released.ContinueWith(static (_, state) => (ExitReason)state!, reason, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            : Task.FromResult(reason);

    private static void CompleteAfterRelease(TaskCompletionSource<ExitReason> completion, Persistence.PersistenceBinding? persistence, ExitReason reason)
    {
        if (persistence is { Released: { IsCompleted: false } released })
        {
            released.ContinueWith(
                static (_, state) =>
                {
                    var (completion, reason) = ((TaskCompletionSource<ExitReason>, ExitReason))state!;
                    completion.TrySetResult(reason);
                },
                (completion, reason), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            completion.TrySetResult(reason);
        }
    }

    private static ActorProcess[] Take(ref HashSet<ActorProcess>? set)
    {
        ActorProcess[] items = set is { Count: > 0 } ? [.. set] : [];
        set = null;
        return items;
    }

    /// <summary>
    /// Dead-letters everything queued: messages a selective receive skipped, then the mailbox; then the messages of
    /// senders waiting for room.
    /// </summary>
    private void DrainMessages()
    {
        if (_extras?.Saved is { Count: > 0 } saved)
        {
            foreach (object item in saved)
            {
                DeadLetter(Leave(item), DeadLetterReason.RecipientTerminated);
            }

            saved.Clear();
        }

        while (_mailbox.TryDequeue(out object? item))
        {
            DeadLetter(Leave(item), DeadLetterReason.RecipientTerminated);
        }

        if (_bound is { HasWaiters: true })
        {
            HandOffRoom(); // the actor is terminating: senders waiting for room fail with DeadActorException
        }
    }

    private void DeadLetter(object item, DeadLetterReason reason) =>
        DeadLetterDelivery(item, reason, Volatile.Read(ref _exitReason));

    /// <summary>Used at shutdown for an actor that did not stop in time: cancels its token so its handler can give up.</summary>
    public void Abandon() => CancelQuietly(Volatile.Read(ref _extras)?.Stopping);

    private void CancelQuietly(CancellationTokenSource? source)
    {
        if (source is null)
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        catch (AggregateException exception)
        {
            // Callbacks registered on the token threw; the actor is stopping anyway, so report and go on.
            _system.ReportError(Address, exception, "a StoppingToken callback");
        }
        catch (ObjectDisposedException)
        {
            // Already terminated and disposed: nothing left to cancel.
        }
    }
}

using TypedActors.Dispatching;

namespace TypedActors;

internal sealed partial class ActorCell
{
    public override Task<ExitReason> Completion
    {
        get
        {
            CellExtras extras = Extras;
            lock (extras)
            {
                if (_state == Dead)
                {
                    return Task.FromResult(extras.ExitReason!);
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
        _stopRequested = true;
        TrySchedule();
    }

    /// <summary>
    /// Kills the actor: no further message is dispatched; a pending <c>Receive</c> throws <see cref="KilledException"/>;
    /// the stopping token is cancelled; the actor dies with reason killed once its current handler returns.
    /// </summary>
    public override void Kill() => Kill(ExitReason.Killed);

    /// <summary>Terminates the actor as a kill does, with <paramref name="reason"/> (a link's exit signal passes its own).</summary>
    public override void Kill(ExitReason reason)
    {
        CancellationTokenSource? stopping;
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_killRequested || _state >= Terminating)
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

    private void Fail(Exception exception, Reply? reply)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            // Already on its way out (e.g. an async void continuation threw during OnStopped): report, do not restart termination.
            reply?.Fail(exception);
            _system.ReportError(Address, exception, "after termination began");
            return;
        }

        // A kill is final: whatever the actor threw on its way out (usually the KilledException itself), it was killed.
        ExitReason reason = _killRequested ? KillReason : ExitReason.Failed(exception);
        BeginTermination(reason, reply, exception);
    }

    /// <summary>
    /// The actor is dead to the outside from here on: new messages are dead-lettered, asks fail fast. The failing ask
    /// (if any) was faulted first; then queued messages are dead-lettered, timers and children are stopped, and
    /// OnStopped runs.
    /// </summary>
    private void BeginTermination(ExitReason reason, Reply? failingReply = null, Exception? failure = null)
    {
        CellExtras extras = Extras;
        extras.ExitReason = reason;
        Volatile.Write(ref _state, Terminating);
        if (failingReply is not null && failure is not null)
        {
            failingReply.Fail(failure);
        }

        DrainMessages();
        StopTimers(extras);
        StopChildren(extras);

        Task stopped;
        try
        {
            stopped = _actor!.InvokeOnStopped();
        }
        catch (Exception exception)
        {
            _system.ReportError(Address, exception, "OnStopped");
            FinishTermination();
            return;
        }

        Observe(new ValueTask(stopped), PendingKind.Stopping, reply: null);
    }

    private void FinishTermination()
    {
        CellExtras extras = Extras;
        TaskCompletionSource<ExitReason>? completion;
        CancellationTokenSource? stopping;
        ActorProcess[] links, watchers, watching;
        lock (extras)
        {
            Volatile.Write(ref _state, Dead);
            completion = extras.Completion;
            stopping = extras.Stopping;
            links = Take(ref extras.Links);
            watchers = Take(ref extras.Watchers);
            watching = Take(ref extras.Watching);
        }

        ExitReason reason = extras.ExitReason!;
        _actor = null; // the instance and its state are garbage from here on
        _system.Registry.Remove(this);
        _parent?.RemoveChild(this);
        DrainMessages();
        CancelQuietly(stopping);
        stopping?.Dispose();
        completion?.TrySetResult(reason);
        SignalTermination(links, watchers, watching, reason);
    }

    private static ActorProcess[] Take(ref HashSet<ActorProcess>? set)
    {
        ActorProcess[] items = set is { Count: > 0 } ? [.. set] : [];
        set = null;
        return items;
    }

    /// <summary>Dead-letters everything queued: messages a selective receive skipped, then the mailbox.</summary>
    private void DrainMessages()
    {
        if (_extras?.Saved is { Count: > 0 } saved)
        {
            foreach (object item in saved)
            {
                DeadLetter(item, DeadLetterReason.RecipientTerminated);
            }

            saved.Clear();
        }

        while (_mailbox.TryDequeue(out object? item))
        {
            DeadLetter(item, DeadLetterReason.RecipientTerminated);
        }
    }

    private void DeadLetter(object item, DeadLetterReason reason)
    {
        if (item is Reply reply)
        {
            reply.Fail(new DeadActorException(Address, Volatile.Read(ref _extras)?.ExitReason));
            item = reply.Message;
        }

        _system.DeadLetters.Publish(item, Address, reason);
    }

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

    // ---- children ----------------------------------------------------------------------------------------------

    public void AddChild(ActorCell child)
    {
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_state < Terminating)
            {
                (extras.Children ??= []).Add(child);
                return;
            }
        }

        child.Stop(); // spawned while the parent was terminating
    }

    private void RemoveChild(ActorCell child)
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            return;
        }

        lock (extras)
        {
            extras.Children?.Remove(child);
        }
    }

    private static void StopChildren(CellExtras extras)
    {
        ActorCell[] children;
        lock (extras)
        {
            if (extras.Children is not { Count: > 0 })
            {
                return;
            }

            children = [.. extras.Children];
        }

        foreach (ActorCell child in children)
        {
            child.Stop();
        }
    }
}

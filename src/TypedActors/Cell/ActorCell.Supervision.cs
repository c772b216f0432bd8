using TypedActors.Supervision;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>Puts the actor under a supervisor. Called before its first turn.</summary>
    public void Supervise(SupervisionSlot slot) => Extras.Supervision = slot;

    /// <summary>Drops the instance that stopped and the per-instance state, keeping the address and the queued messages.</summary>
    private void ReleaseInstance()
    {
        CellExtras extras = Extras;
        CancellationTokenSource? stopping;
        lock (extras)
        {
            stopping = extras.Stopping;
            extras.Stopping = null;
        }

        _actor = null;
        CancelQuietly(stopping);
        stopping?.Dispose();
    }

    /// <summary>Supervisor's decision: run a new instance under the same address. Runs on this actor's turn.</summary>
    public void RestartInPlace(Func<Actor> create) =>
        Post(static state =>
        {
            var (cell, create) = ((ActorCell, Func<Actor>))state!;
            cell.Restart(create);
        }, (this, create));

    private void Restart(Func<Actor> create)
    {
        if (Volatile.Read(ref _state) != Suspended)
        {
            return;
        }

        CellExtras extras = Extras;
        lock (extras)
        {
            extras.KillReason = null;
            _exitReason = null;
            _killRequested = false;
            _stopRequested = false;
            _trapExits = false; // a fresh instance starts with fresh settings; links and monitors belong to the address
        }

        // Starting before the constructor runs: a constructor may spawn children (a restarted Supervisor does).
        // This runs inside the actor's turn, so nothing is dispatched before the new instance is attached.
        Volatile.Write(ref _state, Starting);
        Actor actor;
        ActorCell? outer = BeginConstruction(this);
        try
        {
            actor = create();
            if (!ReferenceEquals(actor.Cell, this))
            {
                throw new InvalidOperationException("the factory did not create a new instance");
            }
        }
        catch (Exception exception)
        {
            _exitReason = ExitReason.Failed(new ActorCreationException($"Restarting {this} failed: {exception.Message}", exception));
            Volatile.Write(ref _state, Suspended);
            extras.Supervision!.OnInstanceStopped(this, _exitReason);
            return;
        }
        finally
        {
            EndConstruction(outer);
        }

        Attach(actor); // the turn loop now runs OnStarted, then the messages that waited
    }

    /// <summary>Supervisor's decision: do not restart; the actor terminates, and its queued messages become dead letters.</summary>
    public void TerminateForGood() =>
        Post(static state =>
        {
            var cell = (ActorCell)state!;
            if (Volatile.Read(ref cell._state) == Suspended)
            {
                Volatile.Write(ref cell._state, Terminating);
                cell.FinishTermination();
            }
        }, this);
}

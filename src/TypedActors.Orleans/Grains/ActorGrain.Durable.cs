using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TypedActors.Persistence;
using TypedActors.Remoting;

namespace TypedActors.Orleans.Grains;

/// <summary>
/// The grain of a durable actor (key <c>{class}/durable:{persistence id}</c>, see <see cref="DurableGrainKey"/>). Every
/// activation recovers the actor from the journal before it takes a message, whether a spawn, a message after its silo
/// was lost, or a message after a passivation caused it: Orleans' directory keeps one activation per key in the
/// cluster, and the journal grants the persistence id to one live owner, so there are never two live incarnations.
/// The actor's end (a stop, a kill, a failure, a passivation) deactivates the grain, with no tombstone: as soon as a
/// delivery finds the actor dead, or else once it has released its persistence id; the next message activates it again.
/// </summary>
internal abstract partial class ActorGrain
{
    /// <summary>How many timer ticks without a delivery make a durable actor idle enough to passivate.</summary>
    private const int PassivationTicks = 4;

    private static readonly TimeSpan s_longestOwnershipPause = TimeSpan.FromMilliseconds(500);

    private DurableActivation? _durable;
    private int _deliveries; // every delivery and signal counts, so that a passivation check sees whether any came

    /// <summary>
    /// Counts a delivery and returns the hosted actor, if any. A durable actor found dead (an incarnation that is
    /// ending: its stop hook runs, or it releases its persistence id) deactivates its grain at once: this delivery is
    /// answered "dead", which the sender sends once more, and Orleans holds that and every later call until the
    /// deactivation is done, then gives them to the next activation, which recovers the actor.
    /// </summary>
    private ActorProcess? Touch()
    {
        _deliveries++; // grain calls run one at a time on the activation's scheduler, even a reentrant one's
        DeactivateIfEnded();
        return _actor;
    }

    /// <summary>
    /// Once a delivery's outcome is known: a durable actor that died meanwhile (a request it had queued is answered
    /// "dead" as it ends) deactivates its grain too, before the answer leaves, so that the sender's second attempt
    /// reaches the next activation. Other actors' deliveries pass through untouched.
    /// </summary>
    private ValueTask<T> AfterDelivery<T>(ValueTask<T> delivered)
    {
        if (_durable is null)
        {
            return delivered;
        }

        if (delivered.IsCompleted)
        {
            DeactivateIfEnded();
            return delivered;
        }

        return Awaited(delivered);

        async ValueTask<T> Awaited(ValueTask<T> pending)
        {
            try
            {
                return await pending; // resumes on this activation's scheduler
            }
            finally
            {
                DeactivateIfEnded();
            }
        }
    }

    private void DeactivateIfEnded()
    {
        if (_durable is not null && _actor is { IsDead: true })
        {
            DeactivateOnIdle();
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DurableGrainKey.TryParse(this.GetPrimaryKeyString(), out string kind, out string persistenceId))
        {
            return;
        }

        var durable = _durable = new DurableActivation(kind, persistenceId);
        try
        {
            _actor = await RecoverAsync(durable, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever waited for this activation fails with why; the next message activates the grain again.
            durable.Failure = $"{exception.GetType().Name}: {exception.Message}";
            node.Logger.LogWarning(exception, "Recovering the durable actor {Kind} '{PersistenceId}' on silo {Silo} failed.", kind, persistenceId, node.Silo);
            DeactivateOnIdle();
            return;
        }

        try
        {
            if (node.Options.PassivateDurableActorsAfter is { } after)
            {
                TimeSpan period = after / PassivationTicks;
                this.RegisterGrainTimer(
                    static (grain, _) => grain.CheckIdle(),
                    this,
                    new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = false });
            }
        }
        catch (Exception exception)
        {
            // The activation fails: the recovered actor must not outlive it holding the persistence id, which no grain
            // could reach any more.
            node.Logger.LogError(exception, "Activating the durable actor {Kind} '{PersistenceId}' on silo {Silo} failed after its recovery.", kind, persistenceId, node.Silo);
            _actor.Stop();
            await ((Task)_actor.Completion).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        _ = DeactivateWhenTerminatedAsync(_actor);
    }

    /// <summary>
    /// Spawns the actor under its grain's key and recovers it. A persistence id still owned elsewhere (the previous
    /// activation releasing it after a passivation, or an owner the journal does not know to be gone yet) is asked for
    /// again, with growing pauses, for up to <see cref="ClusterActorsOptions.DurableOwnershipTimeout"/>; a live owner is
    /// never overruled.
    /// </summary>
    private async Task<ActorProcess> RecoverAsync(DurableActivation durable, CancellationToken cancellationToken)
    {
        if (!node.Options.Kinds.TryGetValue(durable.Kind, out ActorKind? kind))
        {
            throw new ActorCreationException(NotRegistered(durable.Kind));
        }

        string clusterKey = ClusterKey.ForGrain(this.GetGrainId());
        TimeProvider time = node.Remoting.TimeProvider;
        long started = time.GetTimestamp();
        TimeSpan pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                return await kind.SpawnDurable(node.Remoting, clusterKey, durable.PersistenceId, cancellationToken);
            }
            catch (PersistenceIdInUseException) when (time.GetElapsedTime(started) + pause < node.Options.DurableOwnershipTimeout)
            {
                await Task.Delay(pause, time, cancellationToken);
                pause = pause * 2 < s_longestOwnershipPause ? pause * 2 : s_longestOwnershipPause;
            }
        }
    }

    /// <summary>
    /// A spawn of the durable actor: it is there, or its activation failed, or it just ended. An ending incarnation is
    /// awaited, not blocked on (the grain is reentrant, and the actor's OnStopped and the release of its persistence id
    /// may take a round trip to the journal or call back into this grain), and the grain deactivates, so that the
    /// spawner's next call reaches the next activation, which recovers the actor.
    /// </summary>
    private async Task<SignalResult> InitDurableAsync(DurableActivation durable)
    {
        switch (_actor)
        {
            case null:
                return new SignalResult(null, node.Silo, durable.RecoveryFailed().Message);
            case { IsDead: false }:
                return new SignalResult(null, node.Silo);
            case { } ended:
                DeactivateOnIdle();
                ExitReason reason = await ended.Completion; // resumes on this activation's scheduler
                return new SignalResult(WireExitReason.From(reason), node.Silo);
        }
    }

    /// <summary>
    /// A passivation timer tick: after <see cref="PassivationTicks"/> ticks in a row without a delivery, and with the
    /// actor quiescent (nothing queued or running), the grain deactivates once idle. Orleans then holds new calls until it has, and <see cref="OnDeactivateAsync"/> stops the
    /// actor and waits until it released its persistence id, so the next message recovers everything it stored.
    /// </summary>
    private Task CheckIdle()
    {
        DurableActivation durable = _durable!;
        if (durable.SeenDeliveries != _deliveries)
        {
            durable.SeenDeliveries = _deliveries;
            durable.IdleTicks = 0;
        }
        else if (++durable.IdleTicks >= PassivationTicks && _actor is { IsDead: false } actor && node.Remoting.IsQuiescent(actor) && !_inbox.HasParked)
        {
            // Nothing queued, nothing running, nothing parked in the inbox behind a gap: the stop in OnDeactivateAsync
            // drops no message. An actor still busy with what it received earlier (a long handler, a selective
            // receive), or a delivery still waiting for an earlier one, is checked again next tick.
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    /// <summary>What an activation of a durable actor's grain knows of it.</summary>
    private sealed class DurableActivation(string kind, string persistenceId)
    {
        public string Kind => kind;

        public string PersistenceId => persistenceId;

        /// <summary>Why the recovery failed, or null.</summary>
        public string? Failure { get; set; }

        public int SeenDeliveries { get; set; }

        public int IdleTicks { get; set; }

        public InvalidOperationException RecoveryFailed() =>
            new($"The durable actor {kind} '{persistenceId}' could not be recovered: {Failure}");
    }
}

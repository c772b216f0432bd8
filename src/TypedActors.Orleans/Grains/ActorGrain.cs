using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using TypedActors.Remoting;

namespace TypedActors.Orleans.Grains;

/// <summary>
/// Hosts one actor as a local cell of its silo's actor system. Reentrant at the Orleans boundary: the cell's mailbox
/// already runs one message at a time, and a handler waiting in a selective receive must not block later deliveries.
/// Kept alive while the actor lives; deactivated a tombstone period after it terminates. An activation that was not created by
/// <see cref="Init"/> (a stale reference to an actor that died, or that was lost with its silo) hosts nothing: it
/// answers "no such actor" and deactivates, so nothing silently restarts an actor with fresh state. A durable actor's
/// grain is the exception: every activation recovers the actor from the journal (see ActorGrain.Durable.cs).
/// </summary>
[Reentrant]
[KeepAlive]
internal abstract partial class ActorGrain(ClusterNode node) : Grain, IActorGrain
{
    private static readonly WireExitReason s_noProcess = WireExitReason.From(ExitReason.NoProcess);
    private SequencedInbox _inbox = new(node.Remoting.TimeProvider);
    private ActorProcess? _actor;

    public Task<SignalResult> Init(string kind, bool mayExist)
    {
        if (_durable is { } durable)
        {
            return InitDurableAsync(durable);
        }

        if (_actor is { IsDead: false })
        {
            return Task.FromResult(mayExist
                ? new SignalResult(null, node.Silo)
                : new SignalResult(null, node.Silo, $"An actor with key '{this.GetPrimaryKeyString()}' already exists."));
        }

        if (_actor is not null && !mayExist)
        {
            return Task.FromResult(new SignalResult(WireExitReason.From(ExitReason.NoProcess), node.Silo));
        }

        // A fresh activation, or a named actor's tombstone: a new incarnation starts under the same key.
        _inbox = new SequencedInbox(node.Remoting.TimeProvider);

        if (!node.Options.Kinds.TryGetValue(kind, out ActorKind? actorKind))
        {
            DeactivateOnIdle();
            return Task.FromResult(new SignalResult(null, node.Silo, NotRegistered(kind)));
        }

        try
        {
            _actor = actorKind.Spawn(node.Remoting, ClusterKey.ForGrain(this.GetGrainId()));
        }
        catch (Exception exception) when (exception is ActorCreationException or ObjectDisposedException)
        {
            DeactivateOnIdle();
            return Task.FromResult(new SignalResult(null, node.Silo, exception.Message));
        }

        _ = DeactivateWhenTerminatedAsync(_actor);
        return Task.FromResult(new SignalResult(null, node.Silo));
    }

    public ValueTask<WireExitReason?> Tell(byte[] frame) =>
        Touch() is { } actor
            ? AfterDelivery(_inbox.Run(DeliveryFrame.ReadSequence(frame), (node, actor, frame), static s => s.node.DeliverTell(s.actor, DeliveryFrame.Message(s.frame))))
            : new(Stale());

    public ValueTask<byte[]> Ask(byte[] frame) =>
        Touch() is { } actor
            ? AfterDelivery(_inbox.RunAsync(DeliveryFrame.ReadSequence(frame), (node, actor, frame), static s => s.node.DeliverAsk(s.actor, DeliveryFrame.Message(s.frame), fromGrain: true)))
            : new(AskOutcome.Dead(Stale().ToReason()));

    public ValueTask<byte[]> Deliver(byte[] batch) =>
        Touch() is { } actor
            ? AfterDelivery(_inbox.Run(DeliveryFrame.ReadSequence(batch), DeliveryBatch.Count(batch), (node, actor, batch), static s => s.node.DeliverBatch(s.actor, s.batch, fromGrain: true)))
            : new(ClusterNode.DeadBatch(batch, Stale().ToReason()));

    public ValueTask<byte[]> Answer(long token) =>
        _actor is null
            ? new(AskOutcome.Dead(Stale().ToReason())) // a fresh activation: the actor was lost with its silo
            : AfterDelivery(node.Answer(token) ?? new(ClusterNode.NoAnswer(token)));

    public Task<SignalResult> Signal(ActorSignal signal, Sequence sequence) =>
        Touch() is { } actor
            ? AfterDelivery(_inbox.Run(sequence, (node, actor, signal), static s => s.node.DeliverSignal(s.actor, s.signal))).AsTask()
            : Task.FromResult(new SignalResult(Stale(), node.Silo));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Deactivated while the actor lives (the silo is shutting down, or Orleans had to): the actor must not outlive
        // its grain, or nothing could reach it any more.
        if (_actor is { IsDead: false } running)
        {
            running.Stop();
        }

        if (_durable is not null && _actor is { } actor)
        {
            // Its next activation, maybe on another silo, takes the persistence id over once this one released it
            // (an actor that ended by itself may still be releasing it: its grain deactivates as soon as it is found dead).
            await ((Task)actor.Completion).WaitAsync(cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// A delivery reached an activation that hosts no actor: the reference is stale (its tombstone is gone). For a
    /// durable actor it means its recovery failed: the delivery fails with why, and the next one activates it afresh.
    /// </summary>
    private WireExitReason Stale()
    {
        DeactivateOnIdle();
        return _durable is { } durable ? throw durable.RecoveryFailed() : s_noProcess;
    }

    private string NotRegistered(string kind) =>
        $"The actor class {kind} is not registered on silo {node.Silo}: call Register<{kind}>() in AddTypedActors on every silo.";

    private async Task DeactivateWhenTerminatedAsync(ActorProcess actor)
    {
        await actor.Completion; // resumes on this activation's scheduler
        if (_durable is null) // a durable actor has no tombstone: the next message recovers it
        {
            await Task.Delay(node.Options.TombstoneDuration);
        }

        if (ReferenceEquals(_actor, actor)) // not replaced by a new incarnation of a named actor meanwhile
        {
            DeactivateOnIdle();
        }
    }
}

/// <summary>The actor grain placed on a random silo.</summary>
[RandomPlacement]
[GrainType(TypeName)]
internal sealed class RandomActorGrain(ClusterNode node) : ActorGrain(node)
{
    public const string TypeName = "typedactors-random";
}

/// <summary>The actor grain placed on the calling silo when it can host it.</summary>
[PreferLocalPlacement]
[GrainType(TypeName)]
internal sealed class PreferLocalActorGrain(ClusterNode node) : ActorGrain(node)
{
    public const string TypeName = "typedactors-local";
}

using System.Collections.Concurrent;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>The node endpoint of a process: deliveries for its local, non-grain actors, addressed by local id.</summary>
internal sealed class NodeEndpoint(ClusterNode node) : IActorNode
{
    private static readonly WireExitReason s_gone = WireExitReason.From(ExitReason.NoProcess);
    private readonly ConcurrentDictionary<long, SequencedInbox> _inboxes = new();

    public ValueTask<WireExitReason?> Tell(long actorId, byte[] frame) =>
        node.FindExported(actorId) is { } target
            ? Inbox(target).Run(DeliveryFrame.ReadSequence(frame), (node, target, frame), static s => s.node.DeliverTell(s.target, DeliveryFrame.Message(s.frame)))
            : new(s_gone);

    public ValueTask<byte[]> Ask(long actorId, byte[] frame) =>
        node.FindExported(actorId) is { } target
            ? Inbox(target).RunAsync(DeliveryFrame.ReadSequence(frame), (node, target, frame), static s => s.node.DeliverAsk(s.target, DeliveryFrame.Message(s.frame), fromGrain: false))
            : new(AskOutcome.Dead(ExitReason.NoProcess));

    public ValueTask<byte[]> Deliver(long actorId, byte[] batch) =>
        node.FindExported(actorId) is { } target
            ? Inbox(target).Run(DeliveryFrame.ReadSequence(batch), DeliveryBatch.Count(batch), (node, target, batch), static s => s.node.DeliverBatch(s.target, s.batch, fromGrain: false))
            : new(ClusterNode.DeadBatch(batch, ExitReason.NoProcess));

    // Kept by the node, not the actor's inbox: an answer settled as the actor died is still here after both are gone.
    public ValueTask<byte[]> Answer(long actorId, long token) =>
        node.Answer(token) ?? new(node.FindExported(actorId) is null ? AskOutcome.Dead(ExitReason.NoProcess) : ClusterNode.NoAnswer(token));

    public Task<SignalResult> Signal(long actorId, ActorSignal signal, Sequence sequence) =>
        node.FindExported(actorId) is { } target
            ? Inbox(target).Run(sequence, (node, target, signal), static s => s.node.DeliverSignal(s.target, s.signal)).AsTask()
            : Task.FromResult(new SignalResult(s_gone, node.Silo));

    public Task Ping() => Task.CompletedTask;

    private SequencedInbox Inbox(ActorProcess target)
    {
        if (_inboxes.TryGetValue(target.Id, out SequencedInbox? inbox))
        {
            return inbox;
        }

        inbox = _inboxes.GetOrAdd(target.Id, static (_, time) => new SequencedInbox(time), node.Remoting.TimeProvider);
        _ = target.Completion.ContinueWith(
            static (_, state) =>
            {
                var (inboxes, id) = ((ConcurrentDictionary<long, SequencedInbox>, long))state!;
                inboxes.TryRemove(id, out SequencedInbox? _);
            },
            (_inboxes, target.Id), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return inbox;
    }
}

using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>The node endpoint of a process: deliveries for its local, non-grain actors, addressed by local id.</summary>
internal sealed class NodeEndpoint(ClusterNode node) : IActorNode
{
    private static readonly WireExitReason s_gone = WireExitReason.From(ExitReason.NoProcess);

    public Task<WireExitReason?> Tell(long actorId, byte[] message) =>
        Task.FromResult(node.FindExported(actorId) is { } target ? node.DeliverTell(target, message) : s_gone);

    public Task<AskOutcome> Ask(long actorId, byte[] message) =>
        node.FindExported(actorId) is { } target ? node.DeliverAskAsync(target, message) : Task.FromResult(ClusterNode.Dead(ExitReason.NoProcess));

    public Task<SignalResult> Signal(long actorId, ActorSignal signal) =>
        Task.FromResult(node.FindExported(actorId) is { } target
            ? node.DeliverSignal(target, signal)
            : new SignalResult(s_gone, node.Silo));
}

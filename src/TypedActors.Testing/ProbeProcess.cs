using TypedActors.Remoting;

namespace TypedActors.Testing;

/// <summary>
/// What a probe's address points at: a stand-in for an actor, built on the runtime's seam for non-local actors
/// (<see cref="RemoteProcess"/>), so the runtime treats it as any actor it cannot run itself. The runtime copies what
/// is sent to it, as for any actor, and hands it here on the sender's thread: it is recorded, never run.
/// </summary>
/// <remarks>
/// Links and monitors work as with an actor: the probe keeps them, and when the test terminates it
/// (<see cref="Terminate"/>, or an actor stops or kills it) its watchers get <see cref="Down"/> and the actors linked
/// to it the exit signal. A probe traps exits: a linked actor's exit arrives as an <see cref="Exited"/> message.
/// </remarks>
internal sealed class ProbeProcess(ActorSystem system, string clusterKey, Type actorType, ProbeInbox inbox)
    : RemoteProcess(system, clusterKey, actorType)
{
    private readonly HashSet<ActorProcess> _links = [];
    private readonly HashSet<ActorProcess> _watchers = [];
    private ExitReason? _exit;

    public override void Stop() => Terminate(ExitReason.Normal);

    public override void Kill(ExitReason reason) => Terminate(reason);

    public override ExitReason? AddLink(ActorProcess other) => AddRelation(_links, other);

    public override void RemoveLink(ActorProcess other) => RemoveRelation(_links, other);

    public override ExitReason? AddWatcher(ActorProcess watcher) => AddRelation(_watchers, watcher);

    public override void RemoveWatcher(ActorProcess watcher) => RemoveRelation(_watchers, watcher);

    public override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        lock (_links)
        {
            if (_exit is not null || !_links.Remove(from))
            {
                return; // dead, or unlinked meanwhile
            }
        }

        inbox.Add(new Arrival(new Exited(from.Address, reason), Sender: null, Ask: null));
    }

    /// <summary>The actor this probe stands for terminates with <paramref name="reason"/>; later messages become dead letters.</summary>
    public void Terminate(ExitReason reason)
    {
        ActorProcess[] links;
        ActorProcess[] watchers;
        lock (_links)
        {
            if (_exit is not null)
            {
                return;
            }

            _exit = reason;
            links = [.. _links];
            watchers = [.. _watchers];
            _links.Clear();
            _watchers.Clear();
        }

        MarkDead(reason);
        foreach (ActorProcess watcher in watchers)
        {
            watcher.DeliverMessage(new Down(Address, reason));
        }

        foreach (ActorProcess linked in links)
        {
            linked.OnExitSignal(this, reason);
        }
    }

    protected override void Tell(object message) => inbox.Add(new Arrival(message, CurrentActor(), Ask: null));

    protected override void Ask(RemoteAsk ask) => inbox.Add(new Arrival(ask.Message, CurrentActor(), ask));

    protected override void OnDown(ActorProcess who, ExitReason reason) =>
        inbox.Add(new Arrival(new Down(who.Address, reason), Sender: null, Ask: null));

    /// <summary>The actor whose turn is sending: a turn runs with its actor as the synchronization context.</summary>
    private static Address? CurrentActor() => SynchronizationContext.Current is ActorProcess sender ? sender.Address : null;

    private ExitReason? AddRelation(HashSet<ActorProcess> relations, ActorProcess other)
    {
        lock (_links)
        {
            if (_exit is not null)
            {
                return _exit;
            }

            relations.Add(other);
            return null;
        }
    }

    private void RemoveRelation(HashSet<ActorProcess> relations, ActorProcess other)
    {
        lock (_links)
        {
            relations.Remove(other);
        }
    }
}

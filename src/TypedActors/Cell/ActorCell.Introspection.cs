using TypedActors.Introspection;
using TypedActors.Remoting;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>
    /// What an operator tool may see of this actor right now, read from another thread without stopping it: each value
    /// is a plain read of a word the actor's turn writes, so it may be a moment old, never torn.
    /// </summary>
    public ActorSample Sample() => new(
        Address,
        _parent is null ? default : _parent.Address,
        _actorType,
        StatusOf(Volatile.Read(ref _state)),
        QueuedCount,
        Volatile.Read(ref _handled));

    /// <summary>The actors this one is related to, copied under the lock that guards them (empty lists when it has none).</summary>
    public ActorRelations Relations()
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        Address parent = _parent is null ? default : _parent.Address;
        if (extras is null)
        {
            return new ActorRelations(parent, [], [], [], []);
        }

        lock (extras)
        {
            return new ActorRelations(
                parent,
                AddressesOf(extras.Children),
                AddressesOf(extras.Links),
                AddressesOf(extras.Watching),
                AddressesOf(extras.Watchers));
        }
    }

    private static Address[] AddressesOf<TProcess>(HashSet<TProcess>? processes)
        where TProcess : ActorProcess
    {
        if (processes is not { Count: > 0 })
        {
            return [];
        }

        var addresses = new Address[processes.Count];
        int i = 0;
        foreach (TProcess process in processes)
        {
            addresses[i++] = new Address(process);
        }

        return addresses;
    }

    private static ActorStatus StatusOf(int state) => state switch
    {
        Starting => ActorStatus.Starting,
        Running => ActorStatus.Running,
        Suspended => ActorStatus.Restarting,
        Terminating => ActorStatus.Terminating,
        _ => ActorStatus.Dead,
    };
}

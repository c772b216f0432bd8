using TypedActors.Remoting;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    private volatile bool _trapExits;

    /// <summary>When true, exit signals of linked actors arrive as <see cref="Exited"/> messages instead of killing this actor.</summary>
    public bool TrapExits
    {
        get => _trapExits;
        set => _trapExits = value;
    }

    /// <summary>Links this actor and <paramref name="other"/> both ways (Erlang semantics). Runs on this actor's turn.</summary>
    public void Link(Address other)
    {
        ActorProcess target = Require(other);
        if (ReferenceEquals(target, this))
        {
            return;
        }

        if (target.AddLink(this) is { } deadReason)
        {
            OnExitSignalFromDead(target, deadReason);
            return;
        }

        CellExtras extras = Extras;
        lock (extras)
        {
            (extras.Links ??= []).Add(target);
        }
    }

    public void Unlink(Address other)
    {
        ActorProcess target = Require(other);
        target.RemoveLink(this);
        RemoveLink(target);
    }

    /// <summary>Monitors <paramref name="other"/>: one <see cref="Down"/> message when it terminates, for any reason.</summary>
    public void Monitor(Address other)
    {
        ActorProcess target = Require(other);
        if (ReferenceEquals(target, this))
        {
            return;
        }

        if (target.AddWatcher(this) is { } deadReason)
        {
            DeliverSignal(new Down(other, deadReason));
            return;
        }

        CellExtras extras = Extras;
        lock (extras)
        {
            (extras.Watching ??= []).Add(target);
        }
    }

    public void Demonitor(Address other)
    {
        ActorProcess target = Require(other);
        target.RemoveWatcher(this);
        CellExtras extras = Extras;
        lock (extras)
        {
            extras.Watching?.Remove(target);
        }
    }

    public override ExitReason? AddLink(ActorProcess other) => AddRelation(other, static e => e.Links ??= []);

    public override void RemoveLink(ActorProcess other) => RemoveRelation(other, static e => e.Links);

    public override ExitReason? AddWatcher(ActorProcess watcher) => AddRelation(watcher, static e => e.Watchers ??= []);

    public override void RemoveWatcher(ActorProcess watcher) => RemoveRelation(watcher, static e => e.Watchers);

    public override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_state == Dead || extras.Links is null || !extras.Links.Remove(from))
            {
                return; // already dead, or unlinked meanwhile
            }
        }

        ReactToExit(from, reason);
    }

    /// <summary>Linking to an actor that is already dead delivers its exit at once.</summary>
    private void OnExitSignalFromDead(ActorProcess from, ExitReason reason) => ReactToExit(from, reason);

    private void ReactToExit(ActorProcess from, ExitReason reason)
    {
        if (_trapExits)
        {
            DeliverSignal(new Exited(new Address(from), reason));
        }
        else if (!reason.IsNormal)
        {
            Kill(reason); // an abnormal exit propagates: this actor dies with the same reason
        }
    }

    private ExitReason? AddRelation(ActorProcess other, Func<CellExtras, HashSet<ActorProcess>> set)
    {
        if (Volatile.Read(ref _state) == Dead)
        {
            return _exitReason; // linking to or monitoring a dead actor allocates nothing on it
        }

        CellExtras extras = Extras;
        lock (extras)
        {
            if (_state == Dead)
            {
                return _exitReason;
            }

            set(extras).Add(other);
            return null;
        }
    }

    private void RemoveRelation(ActorProcess other, Func<CellExtras, HashSet<ActorProcess>?> set)
    {
        CellExtras? extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            return;
        }

        lock (extras)
        {
            set(extras)?.Remove(other);
        }
    }

    /// <summary>
    /// Called once the actor is dead: every watcher gets <see cref="Down"/>, every linked actor the exit signal, and
    /// the monitors this actor held are removed so no Down is sent to it after its death.
    /// </summary>
    private void SignalTermination(ActorProcess[] links, ActorProcess[] watchers, ActorProcess[] watching, ExitReason reason)
    {
        Address self = Address;
        foreach (ActorProcess watcher in watchers)
        {
            watcher.DeliverSignal(new Down(self, reason));
        }

        foreach (ActorProcess linked in links)
        {
            linked.OnExitSignal(this, reason);
        }

        foreach (ActorProcess target in watching)
        {
            target.RemoveWatcher(this);
        }
    }

    public override string? ClusterKey => Volatile.Read(ref _extras)?.ClusterKey;

    /// <summary>Gives the actor its cluster-wide identity. Called before its first turn, before its address escapes.</summary>
    public void AssignClusterKey(string key) => Extras.ClusterKey = key;

    private static ActorProcess Require(Address address) =>
        address.Process ?? throw new ArgumentException("The address is empty.", nameof(address));
}

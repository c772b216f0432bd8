using Microsoft.Extensions.Logging;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>How a local actor relates to an actor in another process.</summary>
internal enum RelationKind
{
    /// <summary>Linked (either side asked): the local actor gets the exit signal.</summary>
    Linked,

    /// <summary>The local actor monitors the remote one: it gets <see cref="Down"/>.</summary>
    Monitoring,

    /// <summary>The remote actor monitors the local one: the monitor is dropped.</summary>
    MonitoredBy,
}

/// <summary>
/// Links and monitors that cross to other processes, grouped by the process hosting the other side (a silo or a
/// client, see <see cref="RelationPeer"/>). When that process is declared lost, its actors can no longer signal their
/// exit, so the local side gets it here, with reason <see cref="ExitReason.NoConnection"/>: linked actors receive the
/// exit signal, monitors receive <see cref="Down"/>, monitors held by its actors are dropped.
/// </summary>
internal sealed class RelationTracker(ILogger logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<RelationPeer, HashSet<Relation>> _byPeer = [];
    private readonly Dictionary<Relation, RelationPeer> _peers = [];
    private readonly HashSet<RelationPeer> _lost = [];

    private sealed record Relation(ActorProcess Local, ActorProcess Remote, RelationKind Kind);

    /// <summary>Raised (outside any lock) when a peer gets its first relation, so that it starts being probed.</summary>
    public event Action? PeerAdded;

    /// <summary>Records a relation with an actor hosted by <paramref name="peer"/> (no-op when there is none).</summary>
    public void Track(RelationPeer? peer, ActorProcess local, ActorProcess remote, RelationKind kind)
    {
        if (peer is null)
        {
            return;
        }

        var relation = new Relation(local, remote, kind);
        bool lost;
        bool recorded = false;
        bool firstWithPeer = false;
        lock (_gate)
        {
            lost = _lost.Contains(peer);
            if (!lost && _peers.TryAdd(relation, peer))
            {
                if (!_byPeer.TryGetValue(peer, out HashSet<Relation>? relations))
                {
                    _byPeer[peer] = relations = [];
                    firstWithPeer = true;
                }

                relations.Add(relation);
                recorded = true;
            }
        }

        if (lost)
        {
            // The peer was declared lost before the relation was recorded: report it now rather than never.
            End(relation);
            return;
        }

        if (recorded)
        {
            ForgetWhenLocalEnds(relation);
        }

        if (firstWithPeer)
        {
            PeerAdded?.Invoke();
        }
    }

    public void Forget(ActorProcess local, ActorProcess remote, RelationKind kind) => Forget(new Relation(local, remote, kind));

    /// <summary>The peers this process has relations with.</summary>
    public IReadOnlyList<RelationPeer> Peers()
    {
        lock (_gate)
        {
            return [.. _byPeer.Keys];
        }
    }

    /// <summary>
    /// <paramref name="peer"/> is lost (membership declared the silo dead, or it stopped answering probes):
    /// every relation with its actors ends with NoConnection, once, and later ones end as soon as they are recorded.
    /// </summary>
    public void OnLost(RelationPeer peer)
    {
        HashSet<Relation>? relations;
        lock (_gate)
        {
            _lost.Add(peer);
            if (_byPeer.Remove(peer, out relations))
            {
                foreach (Relation relation in relations)
                {
                    _peers.Remove(relation);
                }
            }
        }

        if (relations is null)
        {
            return;
        }

        logger.LogInformation("The {Peer} is lost: ending {Count} links and monitors with its actors (noconnection).", peer, relations.Count);
        foreach (Relation relation in relations)
        {
            End(relation);
        }
    }

    private void Forget(Relation relation)
    {
        lock (_gate)
        {
            if (_peers.Remove(relation, out RelationPeer? peer) && _byPeer.TryGetValue(peer, out HashSet<Relation>? relations)
                && relations.Remove(relation) && relations.Count == 0)
            {
                _byPeer.Remove(peer); // a client without relations is no longer probed
            }
        }
    }

    /// <summary>
    /// A relation whose local actor ended is over: the runtime already told the other side for links and monitors
    /// held on the local actor, and a monitor the local actor held needs no Down any more.
    /// </summary>
    private void ForgetWhenLocalEnds(Relation relation)
    {
        if (relation.Local is RemoteProcess)
        {
            return; // not local after all: its Completion would set up a remote monitor
        }

        _ = relation.Local.Completion.ContinueWith(
            static (_, state) =>
            {
                var (tracker, ended) = ((RelationTracker, Relation))state!;
                tracker.Forget(ended);
            },
            (this, relation), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void End(Relation relation)
    {
        ActorProcess local = relation.Local;
        if (local.IsDead)
        {
            return;
        }

        switch (relation.Kind)
        {
            case RelationKind.Linked:
                local.OnExitSignal(relation.Remote, ExitReason.NoConnection);
                break;
            case RelationKind.Monitoring:
                local.DeliverDown(new Down(relation.Remote.Address, ExitReason.NoConnection));
                break;
            case RelationKind.MonitoredBy:
                local.RemoveWatcher(relation.Remote);
                break;
        }
    }
}

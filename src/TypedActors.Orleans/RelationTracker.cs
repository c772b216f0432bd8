using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TypedActors.Orleans;

/// <summary>How a local actor relates to an actor on another silo.</summary>
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
/// Links and monitors that cross to other silos, grouped by the silo hosting the other side. When membership declares a
/// silo dead, its actors can no longer signal their exit, so the local side gets it here, with reason
/// <see cref="ExitReason.NoConnection"/>: linked actors receive the exit signal, monitors receive <see cref="Down"/>.
/// </summary>
internal sealed class RelationTracker(ILogger logger)
{
    private readonly ConcurrentDictionary<SiloAddress, ConcurrentDictionary<Relation, byte>> _bySilo = new();
    private readonly ConcurrentDictionary<Relation, SiloAddress> _silos = new();
    private readonly ConcurrentDictionary<SiloAddress, byte> _dead = new();

    private sealed record Relation(ActorProcess Local, ActorProcess Remote, RelationKind Kind);

    /// <summary>Records a relation with an actor on <paramref name="silo"/> (no-op for a client, whose loss is not observed).</summary>
    public void Track(SiloAddress? silo, ActorProcess local, ActorProcess remote, RelationKind kind)
    {
        if (silo is null)
        {
            return;
        }

        var relation = new Relation(local, remote, kind);
        _silos[relation] = silo;
        _bySilo.GetOrAdd(silo, static _ => new ConcurrentDictionary<Relation, byte>())[relation] = 0;
        if (_dead.ContainsKey(silo))
        {
            OnSiloDead(silo); // it died before the relation was recorded: report it now rather than never
        }
    }

    public void Forget(ActorProcess local, ActorProcess remote, RelationKind kind)
    {
        var relation = new Relation(local, remote, kind);
        if (_silos.TryRemove(relation, out SiloAddress? silo) && _bySilo.TryGetValue(silo, out var relations))
        {
            relations.TryRemove(relation, out _);
        }
    }

    /// <summary>Membership declared <paramref name="silo"/> dead: every relation with its actors ends with NoConnection.</summary>
    public void OnSiloDead(SiloAddress silo)
    {
        _dead.TryAdd(silo, 0);
        if (!_bySilo.TryRemove(silo, out var relations))
        {
            return;
        }

        logger.LogInformation("Silo {Silo} is dead: ending {Count} links and monitors with its actors (noconnection).", silo, relations.Count);
        foreach (Relation relation in relations.Keys)
        {
            _silos.TryRemove(relation, out _);
            ActorProcess local = relation.Local;
            if (local.IsDead)
            {
                continue;
            }

            switch (relation.Kind)
            {
                case RelationKind.Linked:
                    local.OnExitSignal(relation.Remote, ExitReason.NoConnection);
                    break;
                case RelationKind.Monitoring:
                    local.Deliver(new Down(new Address(relation.Remote), ExitReason.NoConnection));
                    break;
                case RelationKind.MonitoredBy:
                    local.RemoveWatcher(relation.Remote);
                    break;
            }
        }
    }
}

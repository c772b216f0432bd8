using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Orleans.Runtime;

namespace TypedActors.Orleans;

/// <summary>
/// What this process knows of where the remote actors it references live, so that the loss of a silo is final and
/// immediate for every reference to the actors that silo hosted: once membership declares the silo dead, each of
/// them is marked lost (<see cref="TypedActors.Remoting.RemoteProcess.MarkLost"/>), so tells become dead letters and
/// asks fail with <see cref="DeadActorException"/> (noconnection) here, instead of becoming grain calls that wait for
/// Orleans to place the grain again.
/// </summary>
/// <remarks>
/// A reference learns its actor's silo from the spawn that created it, from the answer to any signal (link, monitor,
/// stop...), or, for a reference read from a message, from a lookup after its first delivery. The silo is kept per
/// cluster key, so references to the same actor read later know it at once. A key is forgotten when its actor is found
/// dead or its silo is lost; the references themselves are held weakly.
/// </remarks>
internal sealed class ActorHosts
{
    private readonly ConcurrentDictionary<string, SiloAddress> _hostOf = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ClusterActorProcess, SiloAddress> _located = [];
    private readonly ConcurrentDictionary<SiloAddress, bool> _lost = new();

    /// <summary>A new reference to <paramref name="process"/>'s actor: it takes the silo already known for its key, if any.</summary>
    public void Attach(ClusterActorProcess process)
    {
        if (_hostOf.TryGetValue(process.ClusterKey, out SiloAddress? host))
        {
            Locate(process, host);
        }
    }

    /// <summary>The silo known to host the actor under <paramref name="clusterKey"/>, if any.</summary>
    public SiloAddress? HostOf(string clusterKey) => _hostOf.TryGetValue(clusterKey, out SiloAddress? host) ? host : null;

    /// <summary>The silo hosting <paramref name="process"/>'s actor, when it was learned.</summary>
    public SiloAddress? HostOf(ClusterActorProcess process) =>
        _located.TryGetValue(process, out SiloAddress? host) ? host : null;

    /// <summary>
    /// Records that <paramref name="process"/>'s actor lives on <paramref name="host"/>. When that silo is already lost
    /// the reference is marked lost at once.
    /// </summary>
    public void Locate(ClusterActorProcess process, SiloAddress host)
    {
        if (process.IsDead || (_located.TryGetValue(process, out SiloAddress? known) && known.Equals(host)))
        {
            return;
        }

        _located.AddOrUpdate(process, host);
        if (!_lost.ContainsKey(host))
        {
            _hostOf[process.ClusterKey] = host;
        }

        if (_lost.ContainsKey(host)) // checked after recording, so a loss declared meanwhile is not missed
        {
            // A loss swept the known hosts between the two checks: the key must not keep pointing at the lost silo,
            // or a later incarnation of the actor elsewhere would be taken for dead.
            _hostOf.TryRemove(KeyValuePair.Create(process.ClusterKey, host));
            process.OnHostLost();
        }
    }

    /// <summary>The actor under <paramref name="clusterKey"/> is dead: a later actor under the same name may live elsewhere.</summary>
    public void Forget(string clusterKey) => _hostOf.TryRemove(clusterKey, out _);

    /// <summary>True when <paramref name="silo"/> was declared dead.</summary>
    public bool IsLost(SiloAddress silo) => _lost.ContainsKey(silo);

    /// <summary>
    /// Membership declared <paramref name="silo"/> dead: every reference to an actor it hosted is marked lost, and later
    /// references to them are lost as soon as they learn their silo.
    /// </summary>
    /// <returns>How many references were marked lost.</returns>
    public int OnSiloLost(SiloAddress silo)
    {
        if (!_lost.TryAdd(silo, true))
        {
            return 0;
        }

        foreach (KeyValuePair<string, SiloAddress> entry in _hostOf)
        {
            if (entry.Value.Equals(silo))
            {
                _hostOf.TryRemove(entry);
            }
        }

        int marked = 0;
        foreach (KeyValuePair<ClusterActorProcess, SiloAddress> located in _located)
        {
            if (located.Value.Equals(silo) && located.Key.OnHostLost())
            {
                marked++;
            }
        }

        return marked;
    }
}

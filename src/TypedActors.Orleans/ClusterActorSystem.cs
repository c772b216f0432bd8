using System.Diagnostics;
using Orleans.Runtime;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// The actor system of a silo or client that is part of an Orleans cluster. <see cref="SpawnAsync{TActor}"/> creates an
/// actor somewhere in the cluster; the returned reference works from every silo and client, and inside messages.
/// Actors themselves are unchanged: they run as ordinary local actors of the silo that hosts them.
/// </summary>
public sealed class ClusterActorSystem
{
    private const int SpawnAttempts = 5;
    private static readonly TimeSpan s_longestPause = TimeSpan.FromMilliseconds(500);
    private readonly ClusterNode _node;

    internal ClusterActorSystem(ClusterNode node) => _node = node;

    /// <summary>This process's local actor system: its dead letters, errors and local actors.</summary>
    public ActorSystem LocalSystem => _node.System;

    /// <summary>Spawns a new actor of class <typeparamref name="TActor"/> on a silo chosen by the configured placement.</summary>
    /// <exception cref="ActorCreationException">The class is not registered, or its constructor threw.</exception>
    public Task<ActorRef<TActor>> SpawnAsync<TActor>(CancellationToken cancellationToken = default)
        where TActor : Actor, IActorFactory<TActor> =>
        SpawnCoreAsync<TActor>(Guid.NewGuid().ToString("N"), mayExist: false, cancellationToken, durableId: null);

    /// <summary>
    /// Returns the live actor named <paramref name="id"/> of class <typeparamref name="TActor"/>, spawning it when it
    /// does not exist (a virtual actor): every caller in the cluster gets the same actor while it lives.
    /// </summary>
    /// <exception cref="ActorCreationException">The class is not registered, or its constructor threw.</exception>
    public Task<ActorRef<TActor>> SpawnOrGetAsync<TActor>(string id, CancellationToken cancellationToken = default)
        where TActor : Actor, IActorFactory<TActor>
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return SpawnCoreAsync<TActor>("named:" + id, mayExist: true, cancellationToken, durableId: null);
    }

    /// <summary>
    /// Returns the durable actor of class <typeparamref name="TActor"/> (a <c>[Persistent]</c> actor) whose persistence id
    /// is <paramref name="persistenceId"/>, activating it on a silo chosen by the configured placement when it is not
    /// active: the silo takes the id in its journal and recovers the actor from it before the reference is returned.
    /// The persistence id is the actor's identity in the cluster: every caller gets the same actor. Unlike other
    /// actors it outlives its silo and its own end (see docs/cluster.md, durable actors): the next message to it
    /// reactivates it from the journal, on a surviving silo if need be. Every silo needs a journal
    /// (<see cref="ActorSystemOptions.Journal"/>, through <see cref="ClusterActorsOptions.ConfigureSystem"/>) on one
    /// shared store, such as a PostgreSQL database.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="persistenceId"/> is not a valid persistence id.</exception>
    /// <exception cref="ActorCreationException">
    /// The class is not registered, its constructor threw, or its silo could not recover it (no journal, the journal
    /// failed, a stored event could not be read, or another owner kept the id beyond <see cref="ClusterActorsOptions.DurableOwnershipTimeout"/>).
    /// </exception>
    public Task<ActorRef<TActor>> SpawnPersistentAsync<TActor>(string persistenceId, CancellationToken cancellationToken = default)
        where TActor : Actor, IActorFactory<TActor>, TypedActors.Persistence.IPersistentActor
    {
        TypedActors.Persistence.PersistenceIds.Validate(persistenceId);
        return SpawnCoreAsync<TActor>(DurableGrainKey.Id(persistenceId), mayExist: true, cancellationToken, durableId: persistenceId);
    }

    /// <summary>
    /// Initializes the actor's grain. A grain whose actor just ended answers with its exit and deactivates: a named
    /// actor's tombstone is gone within a few retries; a durable actor's grain answers once its incarnation has released
    /// the persistence id, and the next call activates a new incarnation, so a durable spawn tries again for up to
    /// <see cref="ClusterActorsOptions.DurableOwnershipTimeout"/> (an actor that keeps ending as it is activated).
    /// </summary>
    private async Task<ActorRef<TActor>> SpawnCoreAsync<TActor>(string id, bool mayExist, CancellationToken cancellationToken, string? durableId)
        where TActor : Actor, IActorFactory<TActor>
    {
        string kind = ActorKind.NameOf(typeof(TActor));
        if (!_node.Options.Kinds.ContainsKey(kind))
        {
            throw new ActorCreationException(
                $"{typeof(TActor).Name} is not registered for the cluster: add actors.Register<{typeof(TActor).Name}>() to AddTypedActors.");
        }

        GrainId grainId = GrainId.Create(_node.GrainType, $"{kind}/{id}");
        IActorGrain grain = _node.Grain(grainId);
        long started = Stopwatch.GetTimestamp();
        for (int attempt = 1; ; attempt++)
        {
            SignalResult result = await grain.Init(kind, mayExist).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                throw new ActorCreationException($"Spawning {typeof(TActor).Name} in the cluster failed: {error}");
            }

            if (result.AlreadyDead is null)
            {
                string key = ClusterKey.ForGrain(grainId);
                var process = new ClusterActorProcess(_node, key, ClusterKey.Parse(key), typeof(TActor));
                process.Located(result.Host);
                return ActorRef<TActor>.From(process.Address);
            }

            TimeSpan pause = TimeSpan.FromMilliseconds(20 * attempt);
            if (durableId is not null)
            {
                TimeSpan budget = _node.Options.DurableOwnershipTimeout;
                if (Stopwatch.GetElapsedTime(started) + pause >= budget)
                {
                    throw new ActorCreationException(
                        $"The durable {typeof(TActor).Name} '{durableId}' kept ending while it was being activated, for {budget.TotalSeconds:0.#} s (its last exit: {result.AlreadyDead.ToReason()}).");
                }
            }
            else if (attempt == SpawnAttempts)
            {
                throw new ActorCreationException($"The {typeof(TActor).Name} named '{id}' kept terminating while it was being looked up.");
            }

            // The actor just ended and its grain is deactivating; the next call reaches a fresh activation.
            await Task.Delay(pause < s_longestPause ? pause : s_longestPause, cancellationToken).ConfigureAwait(false);
        }
    }
}

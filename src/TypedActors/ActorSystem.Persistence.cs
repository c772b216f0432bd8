using System.Collections.Concurrent;
using MessagePack;
using TypedActors.Cell;
using TypedActors.Copying.Serialization;
using TypedActors.Persistence;

namespace TypedActors;

public sealed partial class ActorSystem
{
    private readonly ConcurrentDictionary<string, ActorCell> _persistentActors = new(StringComparer.Ordinal);
    private MessagePackSerializerOptions? _persistenceOptions;

    /// <summary>
    /// Spawns a persistent actor under <paramref name="persistenceId"/> and waits until it has recovered: it takes
    /// ownership of the id in the journal, loads its latest snapshot and applies the events stored after it through
    /// its <c>[Apply]</c> methods. Messages sent to the returned reference meanwhile wait in its mailbox. Its
    /// constructor parameters, if any, are resolved from <see cref="Services"/>.
    /// </summary>
    /// <param name="persistenceId">The actor's durable identity: its stream of events in the journal.</param>
    /// <exception cref="InvalidOperationException">No journal is configured (<see cref="ActorSystemOptions.Journal"/>).</exception>
    /// <exception cref="PersistenceIdInUseException">A live actor, here or in another process on the same store, owns the id.</exception>
    /// <exception cref="PersistenceException">The journal failed, or the actor could not recover (<see cref="PersistenceRecoveryException"/>).</exception>
    /// <exception cref="ActorCreationException">The constructor threw, or a parameter could not be resolved.</exception>
    public Task<ActorRef<TActor>> SpawnPersistentAsync<TActor>(string persistenceId)
        where TActor : Actor, IActorFactory<TActor>, IPersistentActor =>
        SpawnPersistentAsync<TActor>(persistenceId, CancellationToken.None);

    /// <summary>
    /// Spawns a persistent actor; see <see cref="SpawnPersistentAsync{TActor}(string)"/>. <paramref name="cancellationToken"/>
    /// cancels taking ownership of the id, not the recovery once the actor runs.
    /// </summary>
    public Task<ActorRef<TActor>> SpawnPersistentAsync<TActor>(string persistenceId, CancellationToken cancellationToken)
        where TActor : Actor, IActorFactory<TActor>, IPersistentActor =>
        SpawnPersistentCoreAsync(persistenceId, static services => TActor.Create(services), clusterKey: null, cancellationToken);

    /// <summary>
    /// Spawns a persistent actor created by <paramref name="factory"/> under <paramref name="persistenceId"/>; see
    /// <see cref="SpawnPersistentAsync{TActor}(string)"/>. The constructor's values are the state before the first
    /// event: recovery applies the snapshot and the events on top of them.
    /// </summary>
    public Task<ActorRef<TActor>> SpawnPersistentAsync<TActor>(string persistenceId, Func<TActor> factory)
        where TActor : Actor, IPersistentActor =>
        SpawnPersistentAsync(persistenceId, factory, CancellationToken.None);

    /// <summary>
    /// Spawns a persistent actor created by <paramref name="factory"/>; see <see cref="SpawnPersistentAsync{TActor}(string, Func{TActor})"/>.
    /// <paramref name="cancellationToken"/> cancels taking ownership of the id, not the recovery once the actor runs.
    /// </summary>
    public Task<ActorRef<TActor>> SpawnPersistentAsync<TActor>(string persistenceId, Func<TActor> factory, CancellationToken cancellationToken)
        where TActor : Actor, IPersistentActor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return SpawnPersistentCoreAsync(persistenceId, _ => factory(), clusterKey: null, cancellationToken);
    }

    /// <summary>
    /// The options events and snapshots are written with: the generated formatters, and addresses stored by the
    /// persistence id of their actor (see <see cref="StoredAddressFormat"/>).
    /// </summary>
    internal MessagePackSerializerOptions PersistenceOptions =>
        _persistenceOptions ??= ActorMessagePack.CreateOptions(this).WithAddressFormat(new StoredAddressFormat(this));

    /// <summary>
    /// Spawns and recovers a persistent actor; <paramref name="clusterKey"/>, when given, is its identity across a
    /// cluster (see <see cref="Remoting.RemotingContext.SpawnPersistentAsync{TActor}"/>). Callers guarantee that
    /// <typeparamref name="TActor"/> is a persistent actor (its binding casts the instance).
    /// </summary>
    internal async Task<ActorRef<TActor>> SpawnPersistentCoreAsync<TActor>(
        string persistenceId, Func<IServiceProvider?, TActor> create, string? clusterKey, CancellationToken cancellationToken)
        where TActor : Actor
    {
        PersistenceIds.Validate(persistenceId);
        ThrowIfShuttingDown();
        IJournal journal = JournalFor(typeof(TActor));

        // Ownership first: a refused id creates no actor at all.
        PersistenceLease lease = await journal.AcquireAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        PersistenceBinding? binding = null;
        ActorRef<TActor> actor;
        try
        {
            actor = SpawnCore(parent: null, create, beforeStart: cell =>
            {
                binding = BindPersistent(cell, persistenceId, lease);
                if (clusterKey is not null)
                {
                    cell.AssignClusterKey(clusterKey);
                }
            });
        }
        catch
        {
            await journal.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await binding!.Recovered.ConfigureAwait(false);
        return actor;
    }

    /// <summary>
    /// Makes a cell about to start persistent under <paramref name="persistenceId"/>. Without a lease (a supervised
    /// child), the cell acquires one when it first recovers.
    /// </summary>
    internal PersistenceBinding BindPersistent(ActorCell cell, string persistenceId, PersistenceLease? lease)
    {
        IJournal journal = JournalFor(cell.ActorType);
        var binding = new PersistenceBinding(this, journal, Options.SnapshotStore ?? journal as ISnapshotStore, persistenceId, lease);
        binding.Bind(cell);
        cell.AttachPersistence(binding);
        return binding;
    }

    private IJournal JournalFor(Type actorType) => Options.Journal ?? throw new InvalidOperationException(
        $"{actorType.Name} cannot be spawned persistent: actor system '{Name}' has no journal. Set ActorSystemOptions.Journal, for example to a SqliteJournal.");

    /// <summary>Records the live actor of <paramref name="persistenceId"/>, once it owns the id.</summary>
    internal void RememberPersistent(string persistenceId, ActorCell cell) => _persistentActors[persistenceId] = cell;

    /// <summary>The live actor of <paramref name="persistenceId"/> in this system, if any.</summary>
    internal bool TryGetPersistent(string persistenceId, out ActorCell cell) =>
        _persistentActors.TryGetValue(persistenceId, out cell!) && !cell.IsDead;

    internal void ForgetPersistent(string persistenceId, ActorCell cell) =>
        _persistentActors.TryRemove(KeyValuePair.Create(persistenceId, cell));
}

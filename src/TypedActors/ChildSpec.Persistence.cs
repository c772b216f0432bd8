using TypedActors.Persistence;

namespace TypedActors;

public abstract partial class ChildSpec
{
    /// <summary>
    /// A persistent child under <paramref name="persistenceId"/>, created through its generated factory. It recovers
    /// from the journal when it starts and again at every restart, so a restart after a failed write (or any failure)
    /// finds exactly the state its stored events make, whatever the failed instance held. It owns the id from its first
    /// start until it terminates for good.
    /// </summary>
    public static ChildSpec<TActor> OfPersistent<TActor>(string persistenceId)
        where TActor : Actor, IActorFactory<TActor>, IPersistentActor =>
        OfPersistent<TActor>(persistenceId, RestartPolicy.Permanent);

    /// <summary>A persistent child restarted by <paramref name="policy"/>; see <see cref="OfPersistent{TActor}(string)"/>.</summary>
    public static ChildSpec<TActor> OfPersistent<TActor>(string persistenceId, RestartPolicy policy)
        where TActor : Actor, IActorFactory<TActor>, IPersistentActor
    {
        PersistenceIds.Validate(persistenceId);
        return new ChildSpec<TActor>(static services => TActor.Create(services), policy) { PersistenceId = persistenceId };
    }

    /// <summary>A persistent child created by <paramref name="factory"/>; see <see cref="OfPersistent{TActor}(string)"/>.</summary>
    public static ChildSpec<TActor> OfPersistent<TActor>(string persistenceId, Func<TActor> factory, RestartPolicy policy = RestartPolicy.Permanent)
        where TActor : Actor, IPersistentActor
    {
        PersistenceIds.Validate(persistenceId);
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec<TActor>(_ => factory(), policy) { PersistenceId = persistenceId };
    }
}

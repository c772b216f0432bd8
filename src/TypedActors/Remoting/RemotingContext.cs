using System.ComponentModel;
using TypedActors.Copying.Serialization;

namespace TypedActors.Remoting;

/// <summary>
/// What a remoting transport may do in the <see cref="ActorSystem"/> it is attached to and application code may not:
/// returned once, by <see cref="ActorSystemRemotingExtensions.AttachRemoting"/>, to the transport that attached. Not
/// for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RemotingContext
{
    internal RemotingContext(ActorSystem system) => System = system;

    /// <summary>The system the transport is attached to.</summary>
    public ActorSystem System { get; }

    /// <summary>The system's clock (<see cref="ActorSystemOptions.TimeProvider"/>), for the transport's own timers.</summary>
    public TimeProvider TimeProvider => System.Options.TimeProvider;

    /// <summary>
    /// Spawns a top-level actor of this system whose identity across the cluster is <paramref name="clusterKey"/>
    /// (an actor the transport hosts under a key of its own, such as a grain's): its address carries that key and
    /// compares equal to every process with it.
    /// </summary>
    /// <returns>The new actor's process.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterKey"/> is null or empty.</exception>
    /// <exception cref="ActorCreationException">The constructor threw, or a parameter could not be resolved.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public ActorProcess Spawn<TActor>(string clusterKey)
        where TActor : Actor, IActorFactory<TActor>
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterKey);
        return System.SpawnCore<TActor>(
            parent: null,
            static services => TActor.Create(services),
            beforeStart: cell => cell.AssignClusterKey(clusterKey)).Address.Process!;
    }

    /// <summary>
    /// Spawns a top-level persistent actor under <paramref name="persistenceId"/> whose identity across the cluster is
    /// <paramref name="clusterKey"/>, and completes once it has recovered from the system's journal, exactly as
    /// <see cref="ActorSystem.SpawnPersistentAsync{TActor}(string, CancellationToken)"/> does (the journal's ownership
    /// of the id first: a live owner elsewhere refuses it).
    /// </summary>
    /// <returns>The recovered actor's process.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterKey"/> is null or empty, or <paramref name="persistenceId"/> is malformed.</exception>
    /// <exception cref="ActorCreationException"><typeparamref name="TActor"/> is not <c>[Persistent]</c>, its constructor threw, or a parameter could not be resolved.</exception>
    /// <exception cref="InvalidOperationException">The system has no journal.</exception>
    /// <exception cref="Persistence.PersistenceIdInUseException">A live actor, here or in another process on the same store, owns the id.</exception>
    /// <exception cref="Persistence.PersistenceException">The journal failed, or the actor could not recover.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public async Task<ActorProcess> SpawnPersistentAsync<TActor>(string clusterKey, string persistenceId, CancellationToken cancellationToken)
        where TActor : Actor, IActorFactory<TActor>
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterKey);
        if (!typeof(Persistence.IPersistentActor).IsAssignableFrom(typeof(TActor)))
        {
            throw new ActorCreationException(
                $"{typeof(TActor).Name} is not persistent: mark it [Persistent] and give it [Apply] methods to spawn it with a persistence id.");
        }

        ActorRef<TActor> actor = await System.SpawnPersistentCoreAsync(
            persistenceId, static services => TActor.Create(services), clusterKey, cancellationToken).ConfigureAwait(false);
        return actor.Address.Process!;
    }

    /// <summary>
    /// Why <paramref name="process"/>, an actor of this system, ended: known from the moment it began terminating, while
    /// its <see cref="ActorProcess.Completion"/> may still wait for its stop hook and the release of its persistence id.
    /// Null while it runs; <see cref="ExitReason.NoProcess"/> for a dead process of another kind whose reason is not known.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="process"/> is null.</exception>
    public ExitReason? ExitReasonOf(ActorProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process is Cell.ActorCell cell)
        {
            return cell.ExitReasonIfEnded ?? (cell.IsDead ? ExitReason.NoProcess : null);
        }

        if (!process.IsDead)
        {
            return null;
        }

        return process.Completion is { IsCompletedSuccessfully: true } completion ? completion.Result : ExitReason.NoProcess;
    }

    /// <summary>
    /// True when <paramref name="process"/> is a live actor of this system with nothing to do: no message waiting in its
    /// mailbox or saved by a selective receive, no turn scheduled or running, no handler awaiting. A snapshot, as a
    /// message may arrive at any moment: for a transport deciding whether an idle actor it hosts may be passivated.
    /// False for any other process.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="process"/> is null.</exception>
    public bool IsQuiescent(ActorProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return process is Cell.ActorCell { IsQuiescent: true } cell && ReferenceEquals(cell.System, System);
    }

    /// <summary>
    /// The process of an actor of this system that is gone (or never existed), for a key that names it: it is dead
    /// with <see cref="ExitReason.NoProcess"/>, messages to it become dead letters and asks of it fail with
    /// <see cref="DeadActorException"/>.
    /// </summary>
    /// <param name="id">The local id the key names.</param>
    /// <param name="actorType">The actor class its address should report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actorType"/> is null.</exception>
    public ActorProcess NoSuchActor(long id, Type actorType)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        return new UnresolvedActorProcess(System, id, actorType);
    }
}

/// <summary>Attaches a remoting transport to an <see cref="ActorSystem"/>. Not for application code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActorSystemRemotingExtensions
{
    /// <summary>
    /// Makes <paramref name="remoting"/> the way addresses of <paramref name="system"/> leave and enter the process (see
    /// <see cref="IActorRemoting"/>). Attach before the first address is written to the wire; a system belongs to
    /// one cluster, so it takes one transport, for good.
    /// </summary>
    /// <returns>What the transport may do in the system that application code may not.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">A transport is already attached to the system.</exception>
    public static RemotingContext AttachRemoting(this ActorSystem system, IActorRemoting remoting)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(remoting);
        system.Attach(remoting);
        return new RemotingContext(system);
    }
}

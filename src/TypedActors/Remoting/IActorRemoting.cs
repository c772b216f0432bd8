using System.ComponentModel;

namespace TypedActors.Remoting;

/// <summary>
/// How addresses leave and enter an <see cref="ActorSystem"/> that is part of a cluster: a remoting transport
/// implements it and attaches it with <see cref="ActorSystemRemotingExtensions.AttachRemoting"/>. The wire format asks
/// it when it writes or reads an address; without it, addresses only make sense inside their own process. Not for
/// application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActorRemoting
{
    /// <summary>
    /// The key under which <paramref name="process"/>, an actor of this system without a
    /// <see cref="ActorProcess.ClusterKey"/> of its own, is reachable from other processes: the transport exports it (and
    /// should forget it once its <see cref="ActorProcess.Completion"/> completes). Called whenever such an address is
    /// written to the wire, from any thread.
    /// </summary>
    string Export(ActorProcess process);

    /// <summary>
    /// The address a cluster key read from the wire points at in this process: a <see cref="RemoteProcess"/> of the
    /// transport's, a local actor it exported, or, for a local actor that is gone,
    /// <see cref="RemotingContext.NoSuchActor"/>. Called whenever an address is read, from any thread.
    /// </summary>
    /// <param name="clusterKey">The key, as <see cref="Export"/> or a spawn in another process made it.</param>
    /// <param name="expectedType">The actor class the reader expects (<see cref="Actor"/> for an untyped address).</param>
    /// <param name="actorTypeName">The full name of the actor's class as written, if any; it may not exist here.</param>
    Address Resolve(string clusterKey, Type expectedType, string? actorTypeName);
}

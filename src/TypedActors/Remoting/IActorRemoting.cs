namespace TypedActors.Remoting;

/// <summary>
/// How addresses leave and enter an <see cref="ActorSystem"/> that is part of a cluster. The wire format asks it when
/// it writes or reads an address; without it, addresses only make sense inside their own process.
/// </summary>
internal interface IActorRemoting
{
    /// <summary>The key under which <paramref name="process"/> is reachable from other processes (exporting it if needed).</summary>
    string Export(ActorProcess process);

    /// <summary>The address a key read from the wire points at, in this process.</summary>
    Address Resolve(string clusterKey, Type expectedType, string? actorTypeName);
}

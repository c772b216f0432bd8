using Orleans.Runtime;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>
/// The process on the other side of a cross-process link or monitor, whose loss ends the relation with
/// <see cref="ExitReason.NoConnection"/>: a silo (its loss is declared by Orleans membership, or on a client by
/// <see cref="PeerProber"/>) or a client (its loss is declared by <see cref="PeerProber"/>).
/// </summary>
internal abstract record RelationPeer
{
    /// <summary>
    /// The peer hosting <paramref name="remote"/>: the silo that answered for it, or, when no silo did, the client whose
    /// node endpoint serves it. Null when the remote actor is not reached through another process.
    /// </summary>
    public static RelationPeer? Of(SiloAddress? host, ActorProcess remote) => host is not null
        ? new SiloPeer(host)
        : remote is ClusterActorProcess { Key.IsNode: true } onNode
            ? new ClientPeer(onNode.Key.Grain)
            : null;
}

/// <summary>A silo of the cluster.</summary>
internal sealed record SiloPeer(SiloAddress Silo) : RelationPeer
{
    public override string ToString() => $"silo {Silo}";
}

/// <summary>An Orleans client, identified by the grain id of its node endpoint.</summary>
internal sealed record ClientPeer(GrainId Endpoint) : RelationPeer
{
    public override string ToString() => $"client {Endpoint}";
}

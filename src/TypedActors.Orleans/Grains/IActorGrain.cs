namespace TypedActors.Orleans.Grains;

/// <summary>
/// The one grain every clustered actor lives in. Its key is the actor's kind and id; it hosts the actor as a local
/// cell of its silo's actor system and forwards deliveries to it. Payloads are bytes in TypedActors' wire format.
/// </summary>
internal interface IActorGrain : IGrainWithStringKey
{
    /// <summary>Creates the actor of registered kind <paramref name="kind"/>; when it already exists, reports it.</summary>
    Task<SignalResult> Init(string kind, bool mayExist);

    /// <summary>Delivers a message; returns why the actor is dead instead when it is.</summary>
    Task<WireExitReason?> Tell(byte[] message, Sequence sequence);

    /// <summary>Delivers a request and returns the serialized reply or the failure (see <see cref="AskOutcome"/>).</summary>
    Task<byte[]> Ask(byte[] message, Sequence sequence);

    /// <summary>Delivers a lifecycle signal.</summary>
    Task<SignalResult> Signal(ActorSignal signal, Sequence sequence);
}

/// <summary>
/// The endpoint of one process (silo or client) for its local actors that are not grains: actors spawned locally,
/// children, and the watchers behind a remote reference's <c>Completion</c>. Same operations, addressed by local id.
/// </summary>
internal interface IActorNode : IGrainObserver
{
    /// <summary>See <see cref="IActorGrain.Tell"/>.</summary>
    Task<WireExitReason?> Tell(long actorId, byte[] message, Sequence sequence);

    /// <summary>See <see cref="IActorGrain.Ask"/>.</summary>
    Task<byte[]> Ask(long actorId, byte[] message, Sequence sequence);

    /// <summary>See <see cref="IActorGrain.Signal"/>.</summary>
    Task<SignalResult> Signal(long actorId, ActorSignal signal, Sequence sequence);

    /// <summary>Answers at once: a process with relations to this one's actors probes it to learn that it is still there.</summary>
    Task Ping();
}

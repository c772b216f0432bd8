namespace TypedActors.Orleans.Grains;

/// <summary>
/// The one grain every clustered actor lives in. Its key is the actor's kind and id; it hosts the actor as a local
/// cell of its silo's actor system and forwards deliveries to it. Payloads are bytes in TypedActors' wire format,
/// marked <c>[Immutable]</c>: neither side writes to them after the call, so Orleans need not copy them (its copy of an
/// argument is a tracked deep copy, a measurable part of a call).
/// </summary>
internal interface IActorGrain : IGrainWithStringKey
{
    /// <summary>Creates the actor of registered kind <paramref name="kind"/>; when it already exists, reports it.</summary>
    Task<SignalResult> Init(string kind, bool mayExist);

    /// <summary>Delivers a message (a <see cref="DeliveryFrame"/>); returns why the actor is dead instead when it is.</summary>
    ValueTask<WireExitReason?> Tell([global::Orleans.Immutable] byte[] frame);

    /// <summary>
    /// Delivers a request (a <see cref="DeliveryFrame"/>) and returns the serialized reply or the failure (see
    /// <see cref="AskOutcome"/>). A value task: an idle actor answers before the call returns, and then neither side
    /// allocates a task for it.
    /// </summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Ask([global::Orleans.Immutable] byte[] frame);

    /// <summary>
    /// Delivers several tells and asks in order (a <see cref="DeliveryBatch"/>) and returns their outcomes, once every
    /// ask among them is answered.
    /// </summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Deliver([global::Orleans.Immutable] byte[] batch);

    /// <summary>The answer to an ask of a batch that its actor did not answer on the spot, by the token its outcome gave (see <see cref="PendingAnswers"/>).</summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Answer(long token);

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
    ValueTask<WireExitReason?> Tell(long actorId, [global::Orleans.Immutable] byte[] frame);

    /// <summary>See <see cref="IActorGrain.Ask"/>.</summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Ask(long actorId, [global::Orleans.Immutable] byte[] frame);

    /// <summary>See <see cref="IActorGrain.Deliver"/>.</summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Deliver(long actorId, [global::Orleans.Immutable] byte[] batch);

    /// <summary>See <see cref="IActorGrain.Answer"/>.</summary>
    [return: global::Orleans.Immutable]
    ValueTask<byte[]> Answer(long actorId, long token);

    /// <summary>See <see cref="IActorGrain.Signal"/>.</summary>
    Task<SignalResult> Signal(long actorId, ActorSignal signal, Sequence sequence);

    /// <summary>Answers at once: a process with relations to this one's actors probes it to learn that it is still there.</summary>
    Task Ping();
}

using System.Collections.Concurrent;
using MessagePack;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TypedActors.Copying.Serialization;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>
/// One process's membership in the clustered actor world: it translates addresses to and from cluster keys, sends
/// deliveries and signals to grains and node endpoints, and hosts this process's node endpoint for its local actors.
/// </summary>
internal sealed partial class ClusterNode : IActorRemoting
{
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<long, ActorProcess> _exported = new();
    private readonly Lazy<(IActorNode Reference, GrainId Id, NodeEndpoint Target)> _endpoint;
    private readonly ConcurrentDictionary<string, Outbox> _outboxes = new(StringComparer.Ordinal);
    private readonly Guid _channel = Guid.NewGuid();

    public ClusterNode(ActorSystem system, IGrainFactory grains, ClusterActorsOptions options, SiloAddress? silo, ILogger logger)
    {
        Remoting = system.AttachRemoting(this);
        _grains = grains;
        Options = options;
        Silo = silo;
        Logger = logger;
        Wire = ActorMessagePack.CreateOptions(system);
        Relations = new RelationTracker(logger);
        Hosts = new ActorHosts();
        PendingAnswers = new PendingAnswers(Remoting.TimeProvider);
        Prober = new PeerProber(
            Relations,
            OnSiloLost,
            endpoint => _grains.GetGrain<IActorNode>(endpoint).Ping(),
            silo is null ? () => _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false) : null,
            options,
            Remoting.TimeProvider,
            logger);
        GrainType = GrainType.Create(options.Placement == ActorPlacement.PreferLocal ? PreferLocalActorGrain.TypeName : RandomActorGrain.TypeName);
        _endpoint = new Lazy<(IActorNode, GrainId, NodeEndpoint)>(CreateEndpoint, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>What this node may do in its actor system as the system's remoting: spawn actors under cluster keys.</summary>
    public RemotingContext Remoting { get; }

    public ActorSystem System => Remoting.System;

    public ClusterActorsOptions Options { get; }

    /// <summary>This process's silo, or null on a client.</summary>
    public SiloAddress? Silo { get; }

    public ILogger Logger { get; }

    /// <summary>The wire format, resolving addresses in this process.</summary>
    public MessagePackSerializerOptions Wire { get; }

    public RelationTracker Relations { get; }

    /// <summary>Which silo hosts the remote actors this process references, so that a silo's loss is final for them.</summary>
    public ActorHosts Hosts { get; }

    /// <summary>Answers to asks of batches that their actors did not answer on the spot, until their senders fetch them.</summary>
    public PendingAnswers PendingAnswers { get; }

    /// <summary>Declares peers lost that membership does not report (clients; silos, on a client); run by <see cref="ClusterNodeService"/>.</summary>
    public PeerProber Prober { get; }

    /// <summary>
    /// True once this process is leaving the cluster (its host is stopping). Its actors then stop because their node
    /// goes away, which the other side learns as <see cref="ExitReason.NoConnection"/> from membership (or, for a
    /// client, from its <see cref="PeerProber"/>), exactly as for a crash, so their normal-stop signals are not sent.
    /// </summary>
    public bool IsLeaving { get; private set; }

    public void Leave() => IsLeaving = true;

    /// <summary>The grain type spawned actors are placed with.</summary>
    public GrainType GrainType { get; }

    // ---- identity ----------------------------------------------------------------------------------------------

    public string Export(ActorProcess process)
    {
        if (process.ClusterKey is { } key)
        {
            return key;
        }

        if (_exported.TryAdd(process.Id, process))
        {
            // The endpoint forgets a local actor once it is dead (and the watcher behind a remote reference's Completion
            // once it has its Down); later deliveries to its key find nothing and fail.
            _ = process.Completion.ContinueWith(
                static (_, state) =>
                {
                    var (node, dead) = ((ClusterNode, ActorProcess))state!;
                    node._exported.TryRemove(new KeyValuePair<long, ActorProcess>(dead.Id, dead));
                },
                (this, process),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return ClusterKey.ForNode(_endpoint.Value.Id, process.Id);
    }

    public Address Resolve(string clusterKey, Type expectedType, string? actorTypeName) =>
        ResolveProcess(clusterKey, actorTypeName, expectedType).Address;

    public ActorProcess ResolveProcess(string clusterKey, string? actorTypeName, Type? expectedType = null)
    {
        ClusterKey key = ClusterKey.Parse(clusterKey);
        if (key.IsNode && _endpoint.IsValueCreated && key.Grain == _endpoint.Value.Id)
        {
            return _exported.TryGetValue(key.LocalId, out ActorProcess? local)
                ? local
                : Remoting.NoSuchActor(key.LocalId, expectedType ?? typeof(Actor));
        }

        Type type = actorTypeName is not null && Options.Kinds.TryGetValue(actorTypeName, out ActorKind? kind)
            ? kind.Type
            : expectedType ?? typeof(Actor);
        var process = new ClusterActorProcess(this, clusterKey, key, type);
        Hosts.Attach(process);
        return process;
    }

    /// <summary>
    /// <paramref name="silo"/> is lost for good (membership declared it dead; on a client, the prober did): first every
    /// reference to an actor it hosted is marked dead, so that whoever learns of the loss from a <see cref="Down"/> or
    /// an exit signal finds those references dead already; then links and monitors with its actors end.
    /// </summary>
    public void OnSiloLost(SiloAddress silo)
    {
        int lost = Hosts.OnSiloLost(silo);
        Logger.LogInformation("The silo {Silo} is lost: {Count} references to its actors are dead (noconnection).", silo, lost);
        Relations.OnLost(new SiloPeer(silo));
    }

    /// <summary>
    /// Asks the cluster which silo hosts <paramref name="process"/>'s actor (its grain), for a reference that learned
    /// it from no spawn or signal. Best effort: a failed lookup leaves the reference as it was. Call it on the thread
    /// pool, outside any actor's turn and grain call.
    /// </summary>
    public async Task LocateAsync(ClusterActorProcess process)
    {
        try
        {
            SiloAddress? host = await _grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Grain(process.Key.Grain)).ConfigureAwait(false);
            process.Located(host);
        }
        catch (Exception exception)
        {
            Logger.LogDebug(exception, "Looking up the silo of {Actor} failed.", process.Address);
        }
    }

    // ---- transport ---------------------------------------------------------------------------------------------

    /// <summary>
    /// This process's outbox to the actor with cluster key <paramref name="clusterKey"/>, which numbers and sends its
    /// deliveries (see <see cref="Outbox"/>); every reference to the actor in this process shares it.
    /// </summary>
    public Outbox OutboxOf(string clusterKey, ClusterKey key) =>
        _outboxes.TryGetValue(clusterKey, out Outbox? outbox)
            ? outbox
            : _outboxes.GetOrAdd(clusterKey, static (_, state) => state.node.CreateOutbox(state.key), (node: this, key));

    /// <summary>
    /// A dead actor's outbox is dropped, so a later actor under the same name is numbered afresh; what it still held
    /// fails at once rather than reaching the grain.
    /// </summary>
    public void ForgetOutbox(string clusterKey)
    {
        if (_outboxes.TryRemove(clusterKey, out Outbox? outbox))
        {
            outbox.Abandon(new InvalidOperationException($"The actor {clusterKey} is dead: the delivery was not sent."));
        }
    }

    private Outbox CreateOutbox(ClusterKey key) =>
        key.IsNode
            ? new Outbox(_channel, Node(key), key.LocalId, Options.MaxOutboxDeliveries)
            : new Outbox(_channel, Grain(key.Grain), capacity: Options.MaxOutboxDeliveries);

    public IActorGrain Grain(GrainId id) => _grains.GetGrain<IActorGrain>(id);

    private IActorNode Node(ClusterKey key) => _grains.GetGrain<IActorNode>(key.Grain);

    /// <summary>A signal from <paramref name="from"/> (a local or remote process) about this process's side.</summary>
    public ActorSignal SignalFrom(SignalKind kind, ActorProcess? from, ExitReason? reason = null) =>
        new(kind,
            from is null ? null : Export(from),
            from is null ? null : ActorKind.NameOf(from.ActorType),
            reason is null ? null : WireExitReason.From(reason),
            Silo);

    private (IActorNode, GrainId, NodeEndpoint) CreateEndpoint()
    {
        // Orleans holds an observer only weakly: the endpoint is kept here, or a collection would silently take this
        // process's non-grain actors off the cluster (their deliveries and probes would fail as if the process were gone).
        var target = new NodeEndpoint(this);

        // Orleans refuses to create an object reference from inside a grain's turn; the thread pool has no grain context.
        IActorNode reference = Task.Run(() => _grains.CreateObjectReference<IActorNode>(target)).GetAwaiter().GetResult();
        return (reference, reference.GetGrainId(), target);
    }

    /// <summary>Stops serving this process's node endpoint.</summary>
    public void Close()
    {
        if (!_endpoint.IsValueCreated)
        {
            return;
        }

        try
        {
            _grains.DeleteObjectReference<IActorNode>(_endpoint.Value.Reference);
        }
        catch (ArgumentException exception)
        {
            // The Orleans client stopped first and already dropped its observers: nothing is served any more.
            Logger.LogDebug(exception, "The node endpoint was already gone when this process left the cluster.");
        }
    }

    /// <summary>The process a node endpoint delivers to, or null when it is gone.</summary>
    public ActorProcess? FindExported(long id) => _exported.TryGetValue(id, out ActorProcess? process) ? process : null;
}

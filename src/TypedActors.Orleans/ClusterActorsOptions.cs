using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>Where the cluster places an actor spawned with <see cref="ClusterActorSystem.SpawnAsync{TActor}"/>.</summary>
public enum ActorPlacement
{
    /// <summary>On a silo chosen at random among the active ones (spreads load).</summary>
    Random,

    /// <summary>On the silo that spawns it when it can host actors (a client spawns on a random silo).</summary>
    PreferLocal,
}

/// <summary>
/// Configures TypedActors on an Orleans silo or client: which actor classes can be spawned in the cluster, and where.
/// Register the same actor classes on every silo and client.
/// </summary>
public sealed class ClusterActorsOptions
{
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(int.MaxValue);
    private readonly Dictionary<string, ActorKind> _kinds = new(StringComparer.Ordinal);
    private TimeSpan _clientProbeInterval = TimeSpan.FromSeconds(2);
    private TimeSpan _clientProbeTimeout = TimeSpan.FromSeconds(5);
    private int _clientMissedProbesLimit = 3;
    private int _maxOutboxDeliveries = DefaultMaxOutboxDeliveries;
    private TimeSpan? _passivateDurableActorsAfter;
    private TimeSpan _durableOwnershipTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Placement of spawned actors. Default: <see cref="ActorPlacement.Random"/>.</summary>
    public ActorPlacement Placement { get; set; } = ActorPlacement.Random;

    /// <summary>
    /// How long the grain of a terminated actor stays to answer with the actor's real exit reason (a late monitor gets
    /// <c>Down</c> with <c>killed</c>, not <c>noproc</c>; a late ask fails with that reason). Afterwards its grain is
    /// deactivated and references to it report <see cref="ExitReason.NoProcess"/>. Default: 10 seconds.
    /// </summary>
    public TimeSpan TombstoneDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often this process probes each Orleans client whose actors it has links or monitors with (a client's loss is
    /// not reported by cluster membership, so it is detected by probing; see <see cref="ClientMissedProbesLimit"/>).
    /// Clients are probed only while such relations exist. Must be positive. Default: 2 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or too large for a timer.</exception>
    public TimeSpan ClientProbeInterval
    {
        get => _clientProbeInterval;
        set => _clientProbeInterval = RequireTimerDuration(value, nameof(ClientProbeInterval));
    }

    /// <summary>
    /// How long a probe of a client may take before it counts as missed. Must be positive. Default: 5 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or too large for a timer.</exception>
    public TimeSpan ClientProbeTimeout
    {
        get => _clientProbeTimeout;
        set => _clientProbeTimeout = RequireTimerDuration(value, nameof(ClientProbeTimeout));
    }

    /// <summary>
    /// How many probes in a row a client may miss (fail or time out) before it is declared lost: every link and monitor
    /// with its actors then ends with <see cref="ExitReason.NoConnection"/>. At least 1. Default: 3.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int ClientMissedProbesLimit
    {
        get => _clientMissedProbesLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(ClientMissedProbesLimit));
            _clientMissedProbesLimit = value;
        }
    }

    /// <summary>The default of <see cref="MaxOutboxDeliveries"/>.</summary>
    public const int DefaultMaxOutboxDeliveries = 100_000;

    /// <summary>
    /// How many deliveries (tells and asks) to one remote actor this process holds at most: queued while earlier ones
    /// travel, or sent in batches the other process has not answered yet. Beyond it a tell is a
    /// <see cref="DeadLetterReason.MailboxFull"/> dead letter here and an ask fails with <see cref="MailboxFullException"/>,
    /// so a stalled process cannot grow this one's memory without limit. Signals (stops, kills, exits, downs) are never
    /// refused. At least 1. Default: 100,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxOutboxDeliveries
    {
        get => _maxOutboxDeliveries;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxOutboxDeliveries));
            _maxOutboxDeliveries = value;
        }
    }

    /// <summary>
    /// How long a durable actor (spawned with <see cref="ClusterActorSystem.SpawnPersistentAsync{TActor}"/>) may go
    /// without a message before it is passivated: it stops, its grain is deactivated and its memory freed, and the next
    /// message reactivates it from the journal, on whichever silo Orleans places it. It is passivated between this and
    /// 1.25 times this after its last message, once it has nothing queued or running (a long handler or a selective
    /// receive that still waits defers it). Null (the default) keeps durable actors until they stop or their silo
    /// goes. Set it on every silo. At least <see cref="MinPassivateDurableActorsAfter"/> (1 second): the idle check
    /// runs four times per period, and a delivery may wait up to 250 ms for an earlier one from its sender.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 1 second or too large for a timer.</exception>
    public TimeSpan? PassivateDurableActorsAfter
    {
        get => _passivateDurableActorsAfter;
        set
        {
            if (value is { } after)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(after, MinPassivateDurableActorsAfter, nameof(PassivateDurableActorsAfter));
                RequireTimerDuration(after, nameof(PassivateDurableActorsAfter));
            }

            _passivateDurableActorsAfter = value;
        }
    }

    /// <summary>The shortest <see cref="PassivateDurableActorsAfter"/>: 1 second.</summary>
    public static TimeSpan MinPassivateDurableActorsAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the activation of a durable actor waits for the journal to grant it the actor's persistence id while
    /// another owner holds it (the actor's previous activation, still releasing it after a passivation, or one the
    /// journal does not know to be gone yet) before the activation fails and the messages that waited for it fail with
    /// <see cref="ActorUnreachableException"/> (the next message tries again). A live owner is never overruled. Must be
    /// positive. Default: 20 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or too large for a timer.</exception>
    public TimeSpan DurableOwnershipTimeout
    {
        get => _durableOwnershipTimeout;
        set => _durableOwnershipTimeout = RequireTimerDuration(value, nameof(DurableOwnershipTimeout));
    }

    /// <summary>Adjusts the options of this process's local actor system.</summary>
    public Action<ActorSystemOptions>? ConfigureSystem { get; set; }

    /// <summary>Makes <typeparamref name="TActor"/> spawnable anywhere in the cluster, by its full class name.</summary>
    public ClusterActorsOptions Register<TActor>()
        where TActor : Actor, IActorFactory<TActor>
    {
        var kind = ActorKind.Of<TActor>();
        _kinds[kind.Name] = kind;
        return this;
    }

    internal IReadOnlyDictionary<string, ActorKind> Kinds => _kinds;

    private static TimeSpan RequireTimerDuration(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, s_longestTimer, name);
        return value;
    }
}

/// <summary>
/// A registered actor class: its name on the wire, and how to spawn it under a cluster key without reflection, afresh
/// or (a <c>[Persistent]</c> class) recovered from the journal under a persistence id.
/// </summary>
internal sealed record ActorKind(
    string Name,
    Type Type,
    Func<RemotingContext, string, ActorProcess> Spawn,
    Func<RemotingContext, string, string, CancellationToken, Task<ActorProcess>> SpawnDurable)
{
    public static ActorKind Of<TActor>()
        where TActor : Actor, IActorFactory<TActor> =>
        new(
            NameOf(typeof(TActor)),
            typeof(TActor),
            static (remoting, clusterKey) => remoting.Spawn<TActor>(clusterKey),
            static (remoting, clusterKey, persistenceId, cancellationToken) => remoting.SpawnPersistentAsync<TActor>(clusterKey, persistenceId, cancellationToken));

    public static string NameOf(Type type) => type.FullName ?? type.Name;
}

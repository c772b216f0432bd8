using MessagePack;
using MessagePack.Resolvers;
using TypedActors.Catalogue;
using TypedActors.Copying.Serialization;
using TypedActors.State;

namespace TypedActors.Http;

/// <summary>
/// What <see cref="ActorGatewayEndpoints.MapActors(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, ActorSystem, Action{ActorGatewayOptions})"/>
/// exposes, and the limits it enforces. Only kinds registered with <c>Expose</c> are reachable, and only with the
/// messages their handlers declare.
/// </summary>
public sealed class ActorGatewayOptions
{
    private readonly Dictionary<string, ExposedKind> _kinds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates options that expose nothing yet.</summary>
    public ActorGatewayOptions() => Addresses = new GatewayAddressFormat(_kinds);

    /// <summary>The largest request body accepted, in bytes (default 16 KiB); larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>How deeply a body may nest objects and arrays (default 32); deeper bodies get 400.</summary>
    public int MaxBodyDepth { get; set; } = 32;

    /// <summary>How long a POST waits for a handler's reply, and a GET for a snapshot, unless <c>?timeout=</c> says otherwise.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest timeout a client may ask for with <c>?timeout=</c> (milliseconds).</summary>
    public TimeSpan MaxAskTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest actor id (default 64). Ids use letters, digits, '-', '_', '.' and '~'.</summary>
    public int MaxIdLength { get; set; } = 64;

    /// <summary>How many live actors one kind may have through the gateway (default 10,000); a PUT beyond gets 409.</summary>
    public int MaxActorsPerKind { get; set; } = 10_000;

    /// <summary>
    /// The largest state snapshot a GET returns, in MessagePack bytes (default 1 MiB); a larger state is a 409 problem,
    /// and writing it stops at the limit.
    /// </summary>
    public int MaxStateBytes { get; set; } = ActorStateLimits.Default.MaxBytes;

    /// <summary>
    /// How deeply a state snapshot nests values (default 32, at most 256); deeper values, and references back to an
    /// object being written, are written as the markers <c>{"$tooDeep": true}</c> and <c>{"$cycle": true}</c>.
    /// </summary>
    public int MaxStateDepth { get; set; } = ActorStateLimits.Default.MaxDepth;

    /// <summary>The largest page a list of ids returns (default 1,000); the default page is 100.</summary>
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>
    /// The <c>Retry-After</c> a POST gets with its 503 when the actor's mailbox is full (default 1 second; whole seconds,
    /// at least 1): how long a well-behaved client waits before it sends again.
    /// </summary>
    public TimeSpan MailboxFullRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When true (the default), a body with a field the message does not have gets 400 rather than being read with
    /// the field ignored: a misspelt field is an error, not a silently defaulted member.
    /// </summary>
    public bool RejectUnknownFields { get; set; } = true;

    internal IReadOnlyDictionary<string, ExposedKind> Kinds => _kinds;

    /// <summary>How addresses in bodies, replies and state are written and read: by the names the gateway gave.</summary>
    internal GatewayAddressFormat Addresses { get; }

    /// <summary>
    /// Exposes actors of class <typeparamref name="TActor"/> under <c>/{kind}</c>. A PUT spawns one with its generated
    /// factory (constructor parameters from the system's services) and takes no body. Returns the kind's endpoint
    /// conventions, e.g. <c>.RequireAuthorization("policy")</c> for this kind alone.
    /// </summary>
    /// <exception cref="ArgumentException">The kind name is invalid or already exposed.</exception>
    public ActorKindBuilder Expose<TActor>(string kind)
        where TActor : Actor, IActorFactory<TActor>, IActorCatalogue =>
        Add(new ExposedKind(kind, typeof(TActor), TActor.DescribeMessages(), creationType: null, readCreation: null,
            spawn: static (system, _) => system.Spawn<TActor>().Address, Addresses));

    /// <summary>
    /// Exposes actors of class <typeparamref name="TActor"/> under <c>/{kind}</c>, created from a creation message: a
    /// PUT's body is read as a <typeparamref name="TCreate"/> (an empty body as one with every member defaulted) and
    /// passed to <paramref name="create"/>, e.g. <c>Expose("counters", (CreateCounter m) => new Counter(m.Start))</c>.
    /// <typeparamref name="TCreate"/> needs a wire format: a type some handler takes, a type marked
    /// <see cref="ActorMessageAttribute">[ActorMessage]</see>, or a primitive. Returns the kind's endpoint conventions.
    /// </summary>
    /// <exception cref="ArgumentException">The kind name is invalid or already exposed, or <typeparamref name="TCreate"/> has no wire format.</exception>
    public ActorKindBuilder Expose<TActor, TCreate>(string kind, [ActorFactory] Func<TCreate, TActor> create)
        where TActor : Actor, IActorCatalogue
        where TCreate : notnull
    {
        ArgumentNullException.ThrowIfNull(create);
        ActorCatalogue catalogue = TActor.DescribeMessages(); // runs the actor assembly's registrations first
        if (BuiltinResolver.Instance.GetFormatter<TCreate>() is null && MessageFormatterResolver.Instance.GetFormatter<TCreate>() is null)
        {
            throw new ArgumentException(
                $"{typeof(TCreate).Name} has no generated wire format: mark it [ActorMessage] so the generator writes one.", nameof(create));
        }

        return Add(new ExposedKind(kind, typeof(TActor), catalogue, typeof(TCreate),
            readCreation: static (body, options) => MessagePackSerializer.Deserialize<TCreate>(body, options)
                ?? throw new MessagePackSerializationException("The creation message cannot be null."),
            spawn: (system, message) => system.Spawn(() => create((TCreate)message!)).Address, Addresses));
    }

    private ActorKindBuilder Add(ExposedKind kind)
    {
        if (!ActorIds.IsValid(kind.Name, maxLength: 64))
        {
            throw new ArgumentException(
                $"'{kind.Name}' cannot name a kind: use 1 to 64 letters, digits, '-', '_', '.' or '~'.", nameof(kind));
        }

        if (!_kinds.TryAdd(kind.Name, kind))
        {
            throw new ArgumentException($"The kind '{kind.Name}' is already exposed.", nameof(kind));
        }

        return kind.Builder;
    }

    /// <summary>Checks the limits once configuration is done.</summary>
    internal void Validate()
    {
        if (MaxBodyBytes <= 0 || MaxBodyDepth <= 0 || MaxIdLength <= 0 || MaxActorsPerKind <= 0 || MaxPageSize <= 0 || MaxStateBytes <= 0)
        {
            throw new InvalidOperationException(
                "Gateway limits (body size and depth, id length, actors per kind, page size, state size) must be positive.");
        }

        if (MaxStateDepth is <= 0 or > ActorStateLimits.DepthCeiling)
        {
            throw new InvalidOperationException($"MaxStateDepth must be 1 to {ActorStateLimits.DepthCeiling}.");
        }

        if (AskTimeout <= TimeSpan.Zero || MaxAskTimeout < AskTimeout)
        {
            throw new InvalidOperationException("AskTimeout must be positive and no larger than MaxAskTimeout.");
        }

        if (_kinds.Count == 0)
        {
            throw new InvalidOperationException("The gateway exposes no actor kind: call Expose<TActor>(\"name\") in the configuration.");
        }
    }
}

using TypedActors.Cell;

namespace TypedActors;

/// <summary>
/// One child of a <see cref="Supervisor"/>: how to create it and when to restart it. After the supervisor has started,
/// <see cref="ChildSpec{TActor}.Ref"/> is the child's reference, which stays valid across restarts.
/// </summary>
public abstract partial class ChildSpec
{
    private protected ChildSpec(RestartPolicy policy) => Policy = policy;

    /// <summary>When the child is restarted.</summary>
    public RestartPolicy Policy { get; }

    /// <summary>The child's own mailbox bound (see <see cref="ChildSpec{TActor}.WithMailbox"/>), or null for its class's and the system's.</summary>
    public MailboxOptions? Mailbox { get; private protected set; }

    /// <summary>A child created through its generated factory (constructor parameters from the system's services).</summary>
    public static ChildSpec<TActor> Of<TActor>(RestartPolicy policy = RestartPolicy.Permanent)
        where TActor : Actor, IActorFactory<TActor> =>
        new(static services => TActor.Create(services), policy);

    /// <summary>A child created by <paramref name="factory"/>, called again for every restart.</summary>
    public static ChildSpec<TActor> Of<TActor>(Func<TActor> factory, RestartPolicy policy = RestartPolicy.Permanent)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec<TActor>(_ => factory(), policy);
    }

    internal abstract ActorCell Start(ActorCell supervisor, Action<ActorCell> beforeStart);

    internal abstract Actor CreateInstance(IServiceProvider? services);
}

/// <summary>A child of type <typeparamref name="TActor"/>.</summary>
public sealed class ChildSpec<TActor> : ChildSpec
    where TActor : Actor
{
    private readonly Func<IServiceProvider?, TActor> _create;
    private ActorRef<TActor> _ref;

    internal ChildSpec(Func<IServiceProvider?, TActor> create, RestartPolicy policy)
        : base(policy) => _create = create;

    /// <summary>The child's reference; the same across restarts of the child.</summary>
    /// <exception cref="InvalidOperationException">The supervisor has not started this child.</exception>
    public ActorRef<TActor> Ref => _ref.IsEmpty
        ? throw new InvalidOperationException($"The {typeof(TActor).Name} child has not been started: spawn its Supervisor first.")
        : _ref;

    /// <summary>The persistence id of a persistent child (<see cref="ChildSpec.OfPersistent{TActor}(string)"/>), or null.</summary>
    internal string? PersistenceId { get; init; }

    /// <summary>
    /// Gives the child its own mailbox bound, which wins over its class's <see cref="MailboxAttribute"/> and the system's
    /// default, and is kept across restarts. Returns this spec.
    /// </summary>
    public ChildSpec<TActor> WithMailbox(MailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        Mailbox = mailbox;
        return this;
    }

    internal override ActorCell Start(ActorCell supervisor, Action<ActorCell> beforeStart)
    {
        if (PersistenceId is { } persistenceId)
        {
            Action<ActorCell> supervise = beforeStart;
            beforeStart = cell =>
            {
                supervisor.System.BindPersistent(cell, persistenceId, lease: null);
                supervise(cell);
            };
        }

        _ref = supervisor.System.SpawnCore(supervisor, _create, beforeStart: beforeStart, mailbox: Mailbox);
        return (ActorCell)_ref.Address.Process!;
    }

    internal override Actor CreateInstance(IServiceProvider? services) => _create(services);
}

namespace TypedActors.Copying.Serialization;

/// <summary>
/// What a deserialized address points at when its id names no live actor of the system: an actor that is already
/// dead. Messages sent to it become dead letters and asks fail with <see cref="DeadActorException"/>.
/// </summary>
internal sealed class UnresolvedActorProcess : ActorProcess
{
    private static readonly Task<ExitReason> s_completion = Task.FromResult(ExitReason.Normal);
    private readonly ActorSystem _system;
    private readonly long _id;
    private readonly Type _actorType;

    public UnresolvedActorProcess(ActorSystem system, long id, Type actorType, string? actorTypeName)
    {
        _system = system;
        _id = id;
        _actorType = actorType;
        ActorTypeName = actorTypeName;
    }

    /// <summary>The actor class named on the wire, which may not exist in this process.</summary>
    public string? ActorTypeName { get; }

    public override long Id => _id;

    public override Type ActorType => _actorType;

    public override ActorSystem System => _system;

    public override bool IsDead => true;

    public override Task<ExitReason> Completion => s_completion;

    public override void Deliver(object message)
    {
        var address = new Address(this);
        if (message is Dispatching.Reply reply)
        {
            reply.Fail(new DeadActorException(address, reason: null));
            message = reply.Message;
        }

        _system.DeadLetters.Publish(message, address, DeadLetterReason.RecipientDead);
    }

    public override void Stop()
    {
        // Already dead: nothing to stop.
    }
}

using TypedActors.Remoting;
using TypedActors.Supervision;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// What a deserialized address points at when its id names no live actor of the system: an actor that is already
/// dead. Messages sent to it become dead letters and asks fail with <see cref="DeadActorException"/>.
/// </summary>
internal sealed class UnresolvedActorProcess : ActorProcess
{
    private static readonly Task<ExitReason> s_completion = Task.FromResult(ExitReason.NoProcess);
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
        if (message is Diagnostics.TracedMessage traced)
        {
            message = traced.Message;
        }

        if (message is IUndeliverable undeliverable)
        {
            undeliverable.OnUndelivered();
            return;
        }

        if (message is Dispatching.Reply reply)
        {
            reply.Fail(new DeadActorException(address, ExitReason.NoProcess));
            message = reply.Message;
        }

        _system.DeadLetters.Publish(message, address, DeadLetterReason.RecipientDead);
    }

    public override void Stop()
    {
        // Already dead: nothing to stop.
    }

    public override void Kill()
    {
        // Already dead: nothing to kill.
    }

    public override void Kill(ExitReason reason)
    {
        // Already dead: nothing to kill.
    }

    /// <summary>Linking to or monitoring an unknown actor delivers "no such process" at once, as for a dead one.</summary>
    public override ExitReason? AddLink(ActorProcess other) => ExitReason.NoProcess;

    public override void RemoveLink(ActorProcess other)
    {
        // Never linked.
    }

    public override ExitReason? AddWatcher(ActorProcess watcher) => ExitReason.NoProcess;

    public override void RemoveWatcher(ActorProcess watcher)
    {
        // Never monitored.
    }

    public override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        // A dead actor has no links to react with.
    }
}

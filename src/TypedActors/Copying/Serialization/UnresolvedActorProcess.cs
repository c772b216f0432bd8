using TypedActors.Remoting;

namespace TypedActors.Copying.Serialization;

/// <summary>
/// What a deserialized address points at when its id names no live actor of the system: an actor that is already
/// dead. Messages sent to it become dead letters and asks fail with <see cref="DeadActorException"/>; linking to or
/// monitoring it delivers "no such process" at once.
/// </summary>
internal sealed class UnresolvedActorProcess(ActorSystem system, long id, Type actorType) : InertProcess(system, id, actorType)
{
    private static readonly Task<ExitReason> s_completion = Task.FromResult(ExitReason.NoProcess);

    public override bool IsDead => true;

    public override Task<ExitReason> Completion => s_completion;

    internal override void Deliver(object delivery) =>
        DeadLetterDelivery(delivery, DeadLetterReason.RecipientDead, ExitReason.NoProcess);
}

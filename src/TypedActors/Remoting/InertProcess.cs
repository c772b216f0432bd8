namespace TypedActors.Remoting;

/// <summary>
/// A process that is no live actor (a dead one, or a runtime helper that only receives): there is nothing to stop or
/// kill, and a link or monitor is answered "no such process" at once, as for a dead actor.
/// </summary>
internal abstract class InertProcess(ActorSystem system, long id, Type actorType) : ActorProcess
{
    public sealed override long Id => id;

    public sealed override Type ActorType => actorType;

    public sealed override ActorSystem System => system;

    public sealed override void Stop()
    {
        // Not a live actor: nothing to stop.
    }

    public sealed override void Kill(ExitReason reason)
    {
        // Not a live actor: nothing to kill.
    }

    public sealed override ExitReason? AddLink(ActorProcess other) => ExitReason.NoProcess;

    public sealed override void RemoveLink(ActorProcess other)
    {
        // Never linked.
    }

    public sealed override ExitReason? AddWatcher(ActorProcess watcher) => ExitReason.NoProcess;

    public sealed override void RemoveWatcher(ActorProcess watcher)
    {
        // Never monitored.
    }

    public sealed override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        // Never linked.
    }
}

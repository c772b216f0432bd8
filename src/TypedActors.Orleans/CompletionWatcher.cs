using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>
/// Stands behind <see cref="ClusterActorProcess.Completion"/>: a monitor of the remote actor that is not an actor, only
/// a task completed by the one <see cref="Down"/> it receives (from the remote actor, or NoConnection from membership).
/// </summary>
internal sealed class CompletionWatcher(ClusterNode node, long id) : ActorProcess
{
    private readonly TaskCompletionSource<ExitReason> _down = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override long Id => id;

    public override Type ActorType => typeof(CompletionWatcher);

    public override ActorSystem System => node.System;

    public override bool IsDead => _down.Task.IsCompleted;

    public override Task<ExitReason> Completion => _down.Task;

    /// <summary>The reason the watched actor terminated.</summary>
    public Task<ExitReason> Down => _down.Task;

    public override void Deliver(object message)
    {
        if (message is Down down && _down.TrySetResult(down.Reason))
        {
            node.ForgetWatcher(this);
        }
    }

    /// <summary>The watched actor was found dead when the monitor was set up.</summary>
    public void Complete(ExitReason reason) => Deliver(new Down(default, reason));

    public override void Stop()
    {
        // Not an actor: nothing to stop.
    }

    public override void Kill()
    {
        // Not an actor: nothing to kill.
    }

    public override void Kill(ExitReason reason)
    {
        // Not an actor: nothing to kill.
    }

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
        // Never linked.
    }
}

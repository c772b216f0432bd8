namespace TypedActors.Remoting;

/// <summary>
/// Stands behind <see cref="RemoteProcess.Completion"/>: a monitor of the remote actor that is not an actor, only a
/// task completed by the one <see cref="Down"/> it receives (from the remote actor, or with NoConnection when its
/// process is lost). Its id is the system's, so a transport exports it like any local actor. <paramref name="onDown"/>
/// runs before the task completes, so whoever awaits it sees what the remote process recorded of the exit.
/// </summary>
internal sealed class CompletionWatcher(ActorSystem system, Action<ExitReason> onDown) : InertProcess(system, system.NextId(), typeof(CompletionWatcher))
{
    private readonly TaskCompletionSource<ExitReason> _down = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsDead => _down.Task.IsCompleted;

    public override Task<ExitReason> Completion => _down.Task;

    /// <summary>The reason the watched actor terminated.</summary>
    public Task<ExitReason> Down => _down.Task;

    /// <summary>The watched actor terminated (or was found dead when the monitor was set up) with <paramref name="reason"/>.</summary>
    public void Complete(ExitReason reason)
    {
        if (!_down.Task.IsCompleted)
        {
            onDown(reason);
            _down.TrySetResult(reason);
        }
    }

    internal override void Deliver(object delivery)
    {
        if (delivery is Down down)
        {
            Complete(down.Reason);
        }
    }
}

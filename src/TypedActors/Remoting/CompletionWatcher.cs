namespace TypedActors.Remoting;

/// <summary>
/// Stands behind <see cref="RemoteProcess.Completion"/>: a monitor of the remote actor that is not an actor, only a
/// task completed by the one <see cref="Down"/> it receives (from the remote actor, or with NoConnection when its
/// process is lost). Its id is the system's, so a transport exports it like any local actor.
/// </summary>
internal sealed class CompletionWatcher(ActorSystem system) : InertProcess(system, system.NextId(), typeof(CompletionWatcher))
{
    private readonly TaskCompletionSource<ExitReason> _down = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsDead => _down.Task.IsCompleted;

    public override Task<ExitReason> Completion => _down.Task;

    /// <summary>The reason the watched actor terminated.</summary>
    public Task<ExitReason> Down => _down.Task;

    /// <summary>The watched actor was found dead when the monitor was set up.</summary>
    public void Complete(ExitReason reason) => _down.TrySetResult(reason);

    internal override void Deliver(object delivery)
    {
        if (delivery is Down down)
        {
            _down.TrySetResult(down.Reason);
        }
    }
}

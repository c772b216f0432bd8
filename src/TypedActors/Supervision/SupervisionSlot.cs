using TypedActors.Cell;

namespace TypedActors.Supervision;

/// <summary>
/// Ties a child's cell to its supervisor. The child consults it when an instance ends; the supervisor sets the flags.
/// </summary>
internal sealed class SupervisionSlot(ActorCell supervisor, ChildSpec spec)
{
    private volatile bool _detached;

    public ChildSpec Spec => spec;

    /// <summary>Set by the supervisor to stop the current instance (after its current message) for a sibling's restart.</summary>
    public volatile bool SuspendRequested;

    /// <summary>Set by the supervisor when it waits for the next instance to finish OnStarted.</summary>
    public volatile bool NotifyStarted;

    /// <summary>A supervisor that is itself stopping, restarting or failing restarts nobody: its children end for good.</summary>
    public bool MayRestart => !_detached && supervisor.IsActive;

    /// <summary>The child will never be restarted by this supervisor again.</summary>
    public void Detach() => _detached = true;

    public void OnInstanceStopped(ActorCell child, ExitReason reason)
    {
        bool requested = SuspendRequested;
        supervisor.DeliverSignal(new ChildStopped(child, reason, requested));
    }

    public void OnInstanceStarted(ActorCell child)
    {
        if (NotifyStarted)
        {
            NotifyStarted = false;
            supervisor.DeliverSignal(new ChildStarted(child));
        }
    }
}

/// <summary>A child's instance has stopped and the child waits for the supervisor's decision.</summary>
internal sealed record ChildStopped(ActorCell Child, ExitReason Reason, bool Requested) : IUndeliverable
{
    public void OnUndelivered() => Child.TerminateForGood();
}

/// <summary>A restarted child finished OnStarted.</summary>
internal sealed record ChildStarted(ActorCell Child) : IUndeliverable
{
    public void OnUndelivered()
    {
        // The supervisor is gone; its children were stopped with it.
    }
}

/// <summary>The back-off delay before a restart has elapsed.</summary>
internal sealed record RestartDue(int Plan) : IUndeliverable
{
    public void OnUndelivered()
    {
        // The supervisor is gone; nothing is left to restart.
    }
}

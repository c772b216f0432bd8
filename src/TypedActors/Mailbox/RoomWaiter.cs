using System.Threading.Tasks.Sources;
using TypedActors.Cell;

namespace TypedActors.Mailbox;

/// <summary>
/// A sender waiting in <c>TellAsync</c> for room in a full mailbox: the task it awaits, the message to enqueue once
/// room is handed to it, and its place in the bound's FIFO list. Reused by the bound once its sender has read the
/// result, so that a producer that keeps a mailbox full waits without allocating.
/// </summary>
/// <remarks>
/// Completions run the sender's continuation asynchronously: room is usually handed over inside the receiving actor's
/// turn, where the sender's code must not run. Before completing, the cancellation registration is disposed, which
/// waits for a cancellation callback already running on another thread; so once the sender has read the result
/// nothing else touches the waiter, and it can be reused.
/// </remarks>
internal sealed class RoomWaiter(MailboxBound bound) : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _token;

    // The bound's FIFO list, under its lock.
    public RoomWaiter? Previous;
    public RoomWaiter? Next;
    public bool IsQueued;

    /// <summary>The message to enqueue once room is handed over.</summary>
    public object? Message { get; private set; }

    /// <summary>The actor whose mailbox the sender waits for.</summary>
    public ActorCell? Target { get; private set; }

    /// <summary>The actor that sends, when it sends from inside its own turn (the wait-for graph's edges).</summary>
    public ActorCell? Sender { get; private set; }

    /// <summary>What the sender awaits.</summary>
    public ValueTask Task => new(this, _core.Version);

    /// <summary>Prepares a wait, under the bound's lock. False when <paramref name="token"/> is already cancelled.</summary>
    public bool Start(ActorCell target, object message, ActorCell? sender, CancellationToken token)
    {
        Target = target;
        Message = message;
        Sender = sender;
        _token = token;
        if (token.CanBeCanceled)
        {
            // Registered under the lock: a cancellation racing with it finds the waiter queued, or is seen below.
            _cancellation = token.UnsafeRegister(static (state, _) => ((RoomWaiter)state!).OnCancelled(), this);
        }

        return !token.IsCancellationRequested;
    }

    /// <summary>Room was handed over: the message is in the mailbox.</summary>
    public void Admitted()
    {
        Finish();
        _core.SetResult(true);
    }

    /// <summary>The wait ended without room: the actor died, the wait was cancelled, or it would never end.</summary>
    public void Fail(Exception exception)
    {
        Finish();
        _core.SetException(exception);
    }

    private void OnCancelled()
    {
        bool removed;
        lock (bound)
        {
            removed = bound.Remove(this);
        }

        if (removed)
        {
            Fail(new OperationCanceledException(_token));
        }
    }

    private void Finish()
    {
        _cancellation.Dispose(); // from inside the callback itself this does not wait
        _cancellation = default;
        Sender?.ForgetWaitForRoom(this);
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Message = null;
            Target = null;
            Sender = null;
            _token = default;
            _core.Reset();
            bound.Return(this);
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

using TypedActors.Cell;

namespace TypedActors.Receive;

/// <summary>
/// A handler waiting in a selective <c>Receive</c>. The actor's turn offers it every message that arrives; timeouts,
/// cancellation and kills are marshalled into the turn, so the waiter is only ever touched on the actor's own turn.
/// </summary>
internal abstract class ReceiveWaiter
{
    /// <summary>True when <paramref name="message"/> is what the handler waits for. May throw (a user predicate).</summary>
    public abstract bool Accepts(object message);

    /// <summary>Completes the wait with the message.</summary>
    public abstract void Complete(object message);

    /// <summary>Ends the wait with an exception.</summary>
    public abstract void Fail(Exception exception);
}

internal sealed class ReceiveWaiter<TResult> : ReceiveWaiter
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<object, bool> _accepts;
    private readonly Func<object, TResult> _convert;
    private readonly ActorCell _cell;
    private readonly TimeSpan _timeout;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public ReceiveWaiter(ActorCell cell, Func<object, bool> accepts, Func<object, TResult> convert)
    {
        _cell = cell;
        _accepts = accepts;
        _convert = convert;
        _timeout = Timeout.InfiniteTimeSpan;
    }

    public ReceiveWaiter(ActorCell cell, Func<object, bool> accepts, Func<object, TResult> convert, TimeSpan timeout, CancellationToken cancellationToken)
        : this(cell, accepts, convert)
    {
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = cell.System.Options.TimeProvider.CreateTimer(
                static state => ((ReceiveWaiter<TResult>)state!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((ReceiveWaiter<TResult>)state!).OnCancelled(token), this);
        }
    }

    public Task<TResult> Task => _completion.Task;

    public override bool Accepts(object message) => _accepts(message);

    public override void Complete(object message)
    {
        Release();
        _completion.TrySetResult(_convert(message));
    }

    public override void Fail(Exception exception)
    {
        Release();
        if (exception is OperationCanceledException cancelled)
        {
            _completion.TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(exception);
        }
    }

    private void OnTimeout() => _cell.EndWaitInTurn(this, new TimeoutException($"Receive in {_cell} got no matching message within {_timeout}."));

    private void OnCancelled(CancellationToken token) => _cell.EndWaitInTurn(this, new OperationCanceledException(token));

    private void Release()
    {
        _timer?.Dispose();
        _timer = null;
        _cancellation.Dispose();
    }
}

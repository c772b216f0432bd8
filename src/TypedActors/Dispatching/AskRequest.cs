using TypedActors.Remoting;

namespace TypedActors.Dispatching;

/// <summary>
/// One pending <c>Ask</c>: the request message travelling through the mailbox, and the task the caller awaits.
/// </summary>
internal sealed class AskRequest<TReply> : Reply
{
    // A local reply is completed on the replying actor's thread, inside its turn, and the asker's code must never run
    // there: continuations run asynchronously. A reply from another process is completed on a transport thread,
    // outside any turn, so the asker continues right there, saving a hop through the thread pool; should it be
    // completed inside a turn after all (a failure found while sending, a cancellation from an actor), the completion
    // moves to the thread pool.
    private readonly TaskCompletionSource<TReply> _completion;
    private readonly Address _target;
    private CancellationTokenRegistration _cancellation;

    public AskRequest(object message, ActorProcess target, TimeSpan timeout, CancellationToken cancellationToken)
        : base(message)
    {
        _completion = new(target.RepliesArriveOffTurn ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        _target = new Address(target);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An ask timeout must be positive or Timeout.InfiniteTimeSpan.");
            }

            _timeout = timeout;
            target.System.AskTimeouts.Add(this, timeout);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((AskRequest<TReply>)state!).OnCancelled(token), this);
        }
    }

    private readonly TimeSpan _timeout;

    public Task<TReply> Task => _completion.Task;

    internal override bool IsCompleted => _completion.Task.IsCompleted;

    public void TrySetResult(TReply value) => Settle(value, static (completion, value) => completion.TrySetResult(value));

    public override void CompleteEmpty()
    {
        if (typeof(TReply) == typeof(NoReply))
        {
            TrySetResult(default!);
        }
        else
        {
            Fail(new ReplyTypeMismatchException(typeof(TReply), actual: null));
        }
    }

    private protected override void CompleteConverted(object? value, Type declaredType)
    {
        if (typeof(TReply) == typeof(NoReply))
        {
            TrySetResult(default!); // the caller only waits for completion and ignores the value
        }
        else if (value is TReply converted)
        {
            TrySetResult(converted);
        }
        else if (value is null && default(TReply) is null)
        {
            TrySetResult(default!);
        }
        else
        {
            Fail(new ReplyTypeMismatchException(typeof(TReply), value?.GetType() ?? declaredType));
        }
    }

    internal override void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePack.MessagePackSerializerOptions options)
    {
        if (serialized.IsEmpty)
        {
            CompleteEmpty();
            return;
        }

        if (typeof(TReply) == typeof(NoReply))
        {
            TrySetResult(default!);
            return;
        }

        TReply value;
        try
        {
            value = MessagePack.MessagePackSerializer.Deserialize<TReply>(serialized, options);
        }
        catch (MessagePack.MessagePackSerializationException exception)
        {
            Fail(exception);
            return;
        }

        TrySetResult(value);
    }

    internal override void Fail(Exception exception) =>
        Settle(exception, static (completion, exception) => completion.TrySetException(exception));

    internal override void Expire() =>
        Fail(new TimeoutException($"Ask of {Message.GetType().Name} to {_target} got no reply within {_timeout}."));

    private void OnCancelled(CancellationToken token) =>
        Settle(token, static (completion, token) => completion.TrySetCanceled(token));

    // Read from the task rather than kept in a field: every pending ask would carry the field.
    private bool CompletedOffTurn => (_completion.Task.CreationOptions & TaskCreationOptions.RunContinuationsAsynchronously) == 0;

    private void Settle<TOutcome>(TOutcome outcome, Func<TaskCompletionSource<TReply>, TOutcome, bool> complete)
    {
        if (CompletedOffTurn && SynchronizationContext.Current is ActorProcess current)
        {
            // Work on the actor's behalf, so a system that counts its work (a test kit's) counts this hop too.
            Introspection.WorkTracker? work = current.System.WorkTracker;
            work?.WorkScheduled();
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    state.Self.SettleHere(state.Outcome, state.Complete);
                    state.Work?.WorkEnded();
                },
                (Self: this, Outcome: outcome, Complete: complete, Work: work),
                preferLocal: false);
            return;
        }

        SettleHere(outcome, complete);
    }

    private void SettleHere<TOutcome>(TOutcome outcome, Func<TaskCompletionSource<TReply>, TOutcome, bool> complete)
    {
        if (complete(_completion, outcome))
        {
            _cancellation.Dispose();
        }
    }
}

/// <summary>The reply type of an ask that only waits for the handler to finish.</summary>
internal readonly struct NoReply
{
}

namespace TypedActors.Dispatching;

/// <summary>
/// One pending <c>Ask</c>: the request message travelling through the mailbox, and the task the caller awaits.
/// </summary>
internal sealed class AskRequest<TReply> : Reply
{
    // Continuations run asynchronously: the reply is completed on the replying actor's thread, inside its turn, and the
    // asker's code must never run there.
    private readonly TaskCompletionSource<TReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Address _target;
    private CancellationTokenRegistration _cancellation;

    public AskRequest(object message, ActorProcess target, TimeSpan timeout, CancellationToken cancellationToken)
        : base(message)
    {
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

    public void TrySetResult(TReply value)
    {
        if (_completion.TrySetResult(value))
        {
            Release();
        }
    }

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

    internal override void Fail(Exception exception)
    {
        if (_completion.TrySetException(exception))
        {
            Release();
        }
    }

    internal override void Expire()
    {
        if (_completion.TrySetException(new TimeoutException(
                $"Ask of {Message.GetType().Name} to {_target} got no reply within {_timeout}.")))
        {
            Release();
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token))
        {
            Release();
        }
    }

    private void Release() => _cancellation.Dispose();
}

/// <summary>The reply type of an ask that only waits for the handler to finish.</summary>
internal readonly struct NoReply
{
}

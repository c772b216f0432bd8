namespace TypedActors;

/// <summary>The message taken by <c>Receive&lt;T1, T2&gt;</c>: exactly one of the two types.</summary>
public readonly struct Received<T1, T2>
{
    internal Received(object message) => Message = message;

    /// <summary>The message itself.</summary>
    public object Message { get; }

    /// <summary>True when the message is a <typeparamref name="T1"/>.</summary>
    public bool IsFirst => Message is T1;

    /// <summary>Gets the message as a <typeparamref name="T1"/>.</summary>
    public bool TryGetFirst([MaybeNullWhen(false)] out T1 message)
    {
        if (Message is T1 first)
        {
            message = first;
            return true;
        }

        message = default;
        return false;
    }

    /// <summary>Gets the message as a <typeparamref name="T2"/>.</summary>
    public bool TryGetSecond([MaybeNullWhen(false)] out T2 message)
    {
        if (Message is T2 second && Message is not T1)
        {
            message = second;
            return true;
        }

        message = default;
        return false;
    }

    /// <summary>Calls the function matching the message's type.</summary>
    public TResult Match<TResult>(Func<T1, TResult> first, Func<T2, TResult> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Message is T1 m1 ? first(m1) : second((T2)Message);
    }

    /// <inheritdoc />
    public override string ToString() => Message.ToString() ?? Message.GetType().Name;
}

/// <summary>The message an actor gets after <c>SetReceiveTimeout</c> when it received nothing for that long.</summary>
public sealed record ReceiveTimeout
{
    /// <summary>The instance the runtime sends.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}

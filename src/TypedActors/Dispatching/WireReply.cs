using MessagePack;

namespace TypedActors.Dispatching;

/// <summary>
/// The reply channel of an <c>Ask</c> that arrived over the wire: the handler's return value is serialized in the wire
/// format (which is also its copy) for the remote asker, instead of completing a local task with the value. The
/// transport derives from it to turn the outcome into its own response, exactly once.
/// </summary>
internal abstract class WireReply : Reply
{
    private static readonly byte[] s_noValue = [];
    private readonly MessagePackSerializerOptions _options;
    private int _settled;

    protected WireReply(object message, MessagePackSerializerOptions options)
        : base(message)
    {
        _options = options;
    }

    internal override bool IsCompleted => Volatile.Read(ref _settled) != 0;

    /// <summary>Serializes the handler's return value with the formatter of its declared type.</summary>
    public void CompleteSerialized<T>(T value)
    {
        byte[] serialized;
        try
        {
            serialized = MessagePackSerializer.Serialize(value, _options);
        }
        catch (MessagePackSerializationException exception)
        {
            Fail(exception); // as for a local reply that cannot be copied: the ask fails, the replying actor lives on
            return;
        }

        Settle(serialized, null);
    }

    public override void CompleteEmpty() => Settle(s_noValue, null);

    // Reply.Complete serializes a wire reply before any conversion, so this only runs for a value typed as object.
    private protected override void CompleteConverted(object? value, Type declaredType) => CompleteSerialized(value);

    internal override void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options) =>
        Settle(serialized.ToArray(), null); // relayed as it came

    internal override void Fail(Exception exception) => Settle(null, exception);

    // The remote asker keeps its own timeout; a wire reply is never put on this process's timeout wheel.
    internal override void Expire() =>
        Settle(null, new TimeoutException($"The {Message.GetType().Name} asked over the wire got no reply in time."));

    /// <summary>
    /// The outcome, called once: the serialized reply (empty when the handler returns no value), or the failure (the
    /// handler's exception, or why the request was not answered). Often called inside the replying actor's turn.
    /// </summary>
    protected abstract void OnSettled(byte[]? value, Exception? failure);

    private void Settle(byte[]? value, Exception? failure)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            OnSettled(value, failure);
        }
    }
}

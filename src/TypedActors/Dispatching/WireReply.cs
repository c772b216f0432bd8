using MessagePack;

namespace TypedActors.Dispatching;

/// <summary>
/// The reply channel of an <c>Ask</c> that arrived over the wire: the handler's return value is serialized in the wire
/// format (which is also its copy) for the remote asker, instead of completing a local task with the value.
/// </summary>
internal sealed class WireReply : Reply
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MessagePackSerializerOptions _options;

    public WireReply(object message, MessagePackSerializerOptions options)
        : base(message)
    {
        _options = options;
    }

    /// <summary>The serialized reply; empty when the handler returns no value. Faults with the handler's exception.</summary>
    public Task<byte[]> Task => _completion.Task;

    internal override bool IsCompleted => _completion.Task.IsCompleted;

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

        _completion.TrySetResult(serialized);
    }

    public override void CompleteEmpty() => _completion.TrySetResult([]);

    // Reply.Complete serializes a wire reply before any conversion, so this only runs for a value typed as object.
    private protected override void CompleteConverted(object? value, Type declaredType) => CompleteSerialized(value);

    internal override void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options) =>
        _completion.TrySetResult(serialized.ToArray()); // relayed as it came

    internal override void Fail(Exception exception) => _completion.TrySetException(exception);

    // The remote asker keeps its own timeout; a wire reply is never put on this process's timeout wheel.
    internal override void Expire() =>
        _completion.TrySetException(new TimeoutException($"The {Message.GetType().Name} asked over the wire got no reply in time."));
}

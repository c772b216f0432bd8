using MessagePack;
using TypedActors.Copying.Serialization;
using TypedActors.Dispatching;

namespace TypedActors.Remoting;

/// <summary>
/// The reply channel of an <c>Ask</c> that arrived over the wire: the handler's return value is serialized in the wire
/// format (which is also its copy) for the remote asker, instead of completing a local task with the value. The
/// transport derives from it to turn the outcome into its own response, exactly once; it may reserve a header of its
/// own in front of the serialized reply, which saves copying the reply into its response.
/// </summary>
internal abstract class WireReply : Reply
{
    private readonly MessagePackSerializerOptions _options;
    private readonly int _headerLength;
    private int _settled;

    /// <param name="message">The request.</param>
    /// <param name="options">The wire format.</param>
    /// <param name="headerLength">Zero bytes written before the serialized reply, for the transport to fill in.</param>
    protected WireReply(object message, MessagePackSerializerOptions options, int headerLength = 0)
        : base(message)
    {
        _options = options;
        _headerLength = headerLength;
    }

    internal override bool IsCompleted => Volatile.Read(ref _settled) != 0;

    /// <summary>Serializes the handler's return value with the formatter of its declared type.</summary>
    public void CompleteSerialized<T>(T value)
    {
        byte[] serialized;
        System.Buffers.ArrayBufferWriter<byte> buffer = WireBuffer.Take();
        try
        {
            buffer.GetSpan(_headerLength)[.._headerLength].Clear();
            buffer.Advance(_headerLength);
            MessagePackSerializer.Serialize(buffer, value, _options);
            serialized = buffer.WrittenSpan.ToArray();
        }
        catch (MessagePackSerializationException exception)
        {
            Fail(exception); // as for a local reply that cannot be copied: the ask fails, the replying actor lives on
            return;
        }
        finally
        {
            WireBuffer.Return(buffer);
        }

        Settle(serialized, null);
    }

    public override void CompleteEmpty() => Settle(new byte[_headerLength], null);

    // Reply.Complete serializes a wire reply before any conversion, so this only runs for a value typed as object.
    private protected override void CompleteConverted(object? value, Type declaredType) => CompleteSerialized(value);

    internal override void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options)
    {
        var relayed = new byte[_headerLength + serialized.Length]; // relayed as it came
        serialized.Span.CopyTo(relayed.AsSpan(_headerLength));
        Settle(relayed, null);
    }

    internal override void Fail(Exception exception) => Settle(null, exception);

    // The remote asker keeps its own timeout; a wire reply is never put on this process's timeout wheel.
    internal override void Expire() =>
        Settle(null, new TimeoutException($"The {Message.GetType().Name} asked over the wire got no reply in time."));

    /// <summary>
    /// The outcome, called once: the header followed by the serialized reply (nothing after the header when the handler
    /// returns no value), or the failure (the handler's exception, or why the request was not answered). Often called
    /// inside the replying actor's turn.
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

using System.ComponentModel;
using MessagePack;
using TypedActors.Copying.Serialization;
using TypedActors.Dispatching;

namespace TypedActors.Remoting;

/// <summary>
/// The reply channel of an <c>Ask</c> that arrived over the wire: the handler's return value is serialized in the wire
/// format (which is also its copy) for the remote asker, instead of completing a local task with the value. The
/// transport derives from it to turn the outcome into its own response, exactly once; it may reserve a header of its
/// own in front of the serialized reply, which saves copying the reply into its response. Deliver it to the actor with
/// <see cref="ActorProcess.DeliverAsk"/>. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class WireReply : Reply
{
    private readonly MessagePackSerializerOptions _options;
    private readonly int _headerLength;
    private int _settled;

    /// <summary>Creates the reply channel of a request read from the wire.</summary>
    /// <param name="message">The request (read with <see cref="WireMessages.Deserialize"/>).</param>
    /// <param name="options">The wire format the reply is written in.</param>
    /// <param name="headerLength">Zero bytes written before the serialized reply, for the transport to fill in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headerLength"/> is negative.</exception>
    [SuppressMessage("ApiDesign", "RS0022", Justification = "Deliberate: the one way to derive a reply; Reply has no protected members to expose.")]
    protected WireReply(object message, MessagePackSerializerOptions options, int headerLength = 0)
        : base(message ?? throw new ArgumentNullException(nameof(message)))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(headerLength);
        _options = options;
        _headerLength = headerLength;
    }

    internal sealed override bool IsCompleted => Volatile.Read(ref _settled) != 0;

    /// <summary>Serializes the handler's return value with the formatter of its declared type.</summary>
    internal void CompleteSerialized<T>(T value)
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

    /// <inheritdoc />
    public sealed override void CompleteEmpty() => Settle(new byte[_headerLength], null);

    // Reply.Complete serializes a wire reply before any conversion, so this only runs for a value typed as object.
    private protected sealed override void CompleteConverted(object? value, Type declaredType) => CompleteSerialized(value);

    internal sealed override void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePackSerializerOptions options)
    {
        var relayed = new byte[_headerLength + serialized.Length]; // relayed as it came
        serialized.Span.CopyTo(relayed.AsSpan(_headerLength));
        Settle(relayed, null);
    }

    internal sealed override void Fail(Exception exception) => Settle(null, exception);

    // The remote asker keeps its own timeout; a wire reply is never put on this process's timeout wheel.
    internal sealed override void Expire() =>
        Settle(null, new TimeoutException($"The {Message.GetType().Name} asked over the wire got no reply in time."));

    /// <summary>
    /// The outcome, called once: the header followed by the serialized reply (nothing after the header when the handler
    /// returns no value), or the failure. A failure is the handler's own exception, or says why the request was not
    /// answered: <see cref="DeadActorException"/> (with the actor's exit reason), <see cref="UnhandledMessageException"/>,
    /// <see cref="RequestNotAnsweredException"/> (a selective receive took the request), or
    /// <see cref="MessagePackSerializationException"/> (the reply has no wire format). Often called inside the replying
    /// actor's turn: it must not block, and what it continues must not run there.
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

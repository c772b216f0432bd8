using System.ComponentModel;
using MessagePack;
using TypedActors.Dispatching;

namespace TypedActors.Remoting;

/// <summary>
/// An ask of an actor in another process, as <see cref="RemoteProcess.Ask"/> gets it: the request to send, and the
/// asker to complete when the answer comes back. Complete or fail it once; later calls are ignored. Not for
/// application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct RemoteAsk
{
    private readonly Reply? _reply;

    internal RemoteAsk(Reply reply) => _reply = reply;

    /// <summary>The request message: the asker's copy, to serialize for the wire.</summary>
    public object Message => Reply.Message;

    internal Reply Reply => _reply ?? throw new InvalidOperationException("This RemoteAsk is empty (default(RemoteAsk)).");

    /// <summary>
    /// Completes the ask with the handler's reply as it came over the wire: its return value in the wire format,
    /// written with the formatter of its declared type (what <see cref="WireReply"/> produces after its header), or
    /// empty when the handler returns no value. The asker reads it as the type it asked for; a reply it cannot read
    /// fails the ask with <see cref="MessagePackSerializationException"/>.
    /// </summary>
    /// <param name="serializedReply">The reply, without any header of the transport's.</param>
    /// <param name="options">The wire format, resolving addresses in this process (see <see cref="Copying.Serialization.ActorMessagePack.CreateOptions"/>).</param>
    public void Complete(ReadOnlyMemory<byte> serializedReply, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Reply.CompleteFromWire(serializedReply, options);
    }

    /// <summary>
    /// Completes the ask with a reply produced in this process, as a local handler's return value does: the asker gets
    /// a copy of <paramref name="reply"/> (an immutable one by reference) and reads it as the type it asked for; a reply
    /// of another type, or one that cannot be copied, fails the ask (<see cref="ReplyTypeMismatchException"/>,
    /// <see cref="MessageCopyException"/>). For stand-ins that answer in-process, such as a test kit's probes.
    /// </summary>
    public void CompleteWith<TReply>(TReply reply) => Reply.Complete(reply);

    /// <summary>Completes the ask as a local handler that returns no value does when it has finished.</summary>
    public void CompleteEmpty() => Reply.CompleteEmpty();

    /// <summary>
    /// Fails the ask with <paramref name="exception"/>: the exception the asker's task throws (for example
    /// <see cref="DeadActorException"/>, <see cref="UnhandledMessageException"/>, <see cref="RequestNotAnsweredException"/>,
    /// <see cref="TimeoutException"/>, or the transport's own for an unreachable actor or a handler's failure).
    /// </summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Reply.Fail(exception);
    }
}

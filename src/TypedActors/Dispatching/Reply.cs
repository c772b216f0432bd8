using System.ComponentModel;
using TypedActors.Remoting;

namespace TypedActors.Dispatching;

/// <summary>
/// The reply channel of one <c>Ask</c>: generated dispatch code completes it with the handler's return value.
/// Users never create or see one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Reply
{
    private protected Reply(object message)
    {
        Message = message;
        if (Diagnostics.ActorTelemetry.Source.HasListeners() && System.Diagnostics.Activity.Current is { } current)
        {
            TraceParent = current.Context;
        }
    }

    /// <summary>The request message.</summary>
    internal object Message { get; }

    /// <summary>The activity of the asker, when traced.</summary>
    internal System.Diagnostics.ActivityContext TraceParent { get; }

    /// <summary>
    /// Completes the ask with a copy of the handler's return value, so the asker never shares it with the handler's
    /// actor. A reply that cannot be copied fails the ask, not the replying actor.
    /// </summary>
    public void Complete<T>(T value)
    {
        if (this is WireReply wire)
        {
            wire.CompleteSerialized(value); // serializing is the copy
            return;
        }

        try
        {
            value = Copying.Copier<T>.Copy(value);
        }
        catch (MessageCopyException exception)
        {
            Fail(exception);
            return;
        }

        // The generated typed Ask always asks for the handler's own return type, so this test is the common case.
        if (this is AskRequest<T> exact)
        {
            exact.TrySetResult(value);
        }
        else
        {
            CompleteConverted(value, typeof(T));
        }
    }

    /// <summary>Completes the ask of a handler that returns no value.</summary>
    public abstract void CompleteEmpty();

    /// <summary>Completes the ask with a value of another static type than the one asked for.</summary>
    private protected abstract void CompleteConverted(object? value, Type declaredType);

    /// <summary>Faults the ask.</summary>
    internal abstract void Fail(Exception exception);

    /// <summary>Faults the ask with a <see cref="TimeoutException"/> (called by the system's <see cref="TimeoutWheel"/>).</summary>
    internal abstract void Expire();

    /// <summary>The next entry in the same slot of the timeout wheel.</summary>
    internal Reply? NextTimeout;

    /// <summary>The wheel tick at which the ask times out.</summary>
    internal long TimeoutTick;

    /// <summary>True once the ask has a result, an exception, or was cancelled.</summary>
    internal abstract bool IsCompleted { get; }

    /// <summary>
    /// Completes the ask with a reply that came over the wire: <paramref name="serialized"/> holds the handler's return
    /// value in the MessagePack wire format, or is empty when the handler returns no value.
    /// </summary>
    internal abstract void CompleteFromWire(ReadOnlyMemory<byte> serialized, MessagePack.MessagePackSerializerOptions options);
}

using MessagePack;
using TypedActors.Dispatching;
using TypedActors.Remoting;

namespace TypedActors.State;

/// <summary>Snapshots of an actor's fields, taken by the actor itself between two messages.</summary>
public static class ActorState
{
    /// <summary>
    /// Asks the actor at <paramref name="address"/> for a snapshot of its fields: a MessagePack map from field name
    /// (leading underscores trimmed; an auto-property by its property name) to value, serialized with
    /// <paramref name="options"/>. The snapshot is taken inside the actor's own turn, after the messages queued before
    /// it, so it is never torn. Fields marked <see cref="NotStateAttribute">[NotState]</see> are left out.
    /// </summary>
    /// <exception cref="DeadActorException">The actor is dead (the task fails with it).</exception>
    /// <exception cref="TimeoutException">No snapshot within <paramref name="timeout"/> (default: the system's ask timeout).</exception>
    public static Task<byte[]> CaptureAsync(
        Address address, MessagePackSerializerOptions options, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (address.IsEmpty)
        {
            throw new ArgumentException("The address is empty.", nameof(address));
        }

        ActorProcess target = address.Process!;
        var request = new AskRequest<byte[]>(new StateCapture(options), target, timeout ?? target.System.Options.AskTimeout, cancellationToken);
        target.Deliver(request);
        return request.Task;
    }
}

/// <summary>The runtime-internal request a cell answers by calling its actor's generated <c>WriteState</c>.</summary>
internal sealed class StateCapture(MessagePackSerializerOptions options)
{
    public void Run(Actor actor, Reply? reply)
    {
        if (reply is not AskRequest<byte[]> request)
        {
            return; // only CaptureAsync creates this message, always as an ask
        }

        var writer = new ActorStateWriter(options);
        try
        {
            actor.CaptureState(writer);
        }
        catch (Exception exception)
        {
            // A failing state read (e.g. an auto-property getter) fails the snapshot, not the actor.
            request.Fail(exception);
            return;
        }

        request.TrySetResult(writer.ToMessagePack());
    }
}

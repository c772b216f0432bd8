using MessagePack;
using TypedActors.Dispatching;
using TypedActors.Remoting;

namespace TypedActors.State;

/// <summary>Snapshots of an actor's fields, taken by the actor itself between two messages.</summary>
public static class ActorState
{
    /// <summary>
    /// Asks the actor at <paramref name="address"/> for a snapshot of its state: a MessagePack map from member name
    /// (leading underscores trimmed) to value, serialized with <paramref name="options"/>. The snapshot holds the
    /// actor's public fields and properties and the members marked <see cref="StateAttribute">[State]</see>, minus
    /// those marked <see cref="NotStateAttribute">[NotState]</see>. It is taken inside the actor's own turn, after the
    /// messages queued before it, so it is never torn, and written within <paramref name="limits"/> (default
    /// <see cref="ActorStateLimits.Default"/>): over-deep values and reference cycles become markers, and a snapshot
    /// over the byte limit fails rather than growing.
    /// </summary>
    /// <exception cref="DeadActorException">The actor is dead (the task fails with it).</exception>
    /// <exception cref="TimeoutException">No snapshot within <paramref name="timeout"/> (default: the system's ask timeout).</exception>
    /// <exception cref="StateTooLargeException">The snapshot is larger than <see cref="ActorStateLimits.MaxBytes"/> (the task fails with it).</exception>
    public static Task<byte[]> CaptureAsync(
        Address address, MessagePackSerializerOptions options, ActorStateLimits? limits = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        limits ??= ActorStateLimits.Default;
        if (address.IsEmpty)
        {
            throw new ArgumentException("The address is empty.", nameof(address));
        }

        ActorProcess target = address.Process!;
        var request = new AskRequest<byte[]>(new StateCapture(options, limits), target, timeout ?? target.System.Options.AskTimeout, cancellationToken);
        target.DeliverSignal(request); // a runtime request: a full mailbox does not refuse it
        return request.Task;
    }
}

/// <summary>The runtime-internal request a cell answers by calling its actor's generated <c>WriteState</c>.</summary>
internal sealed class StateCapture(MessagePackSerializerOptions options, ActorStateLimits limits)
{
    public void Run(Actor actor, Reply? reply)
    {
        if (reply is not AskRequest<byte[]> request)
        {
            return; // only CaptureAsync creates this message, always as an ask
        }

        var writer = new ActorStateWriter(options, limits);
        try
        {
            actor.CaptureState(writer);
        }
        catch (Exception exception)
        {
            // A failing state read (a property getter) or an oversized snapshot fails the snapshot, not the actor.
            request.Fail(exception);
            return;
        }

        request.TrySetResult(writer.ToMessagePack());
    }
}

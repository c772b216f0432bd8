using System.ComponentModel;
using TypedActors.Dispatching;

namespace TypedActors;

/// <summary>
/// The base class of every actor. Derive from it in a <c>partial</c> class and mark message handlers with
/// <see cref="ReceiveAttribute">[Receive]</see>; the source generator adds the dispatch, a typed <c>Self</c> and the
/// typed <c>Tell</c>/<c>Ask</c> of <see cref="ActorRef{TActor}"/>.
/// </summary>
/// <remarks>
/// An actor handles one message at a time, even when its handlers are asynchronous: until a handler's task completes
/// no other message is dispatched, and the handler's continuations run inside the actor's turn. So actor state needs
/// no locks. Create actors only with <c>Spawn</c>; constructing one with <c>new</c> elsewhere throws.
/// </remarks>
public abstract class Actor
{
    internal readonly ActorCell Cell;

    /// <summary>Binds the new instance to the actor cell being spawned.</summary>
    /// <exception cref="InvalidOperationException">The actor is created outside <c>Spawn</c>.</exception>
    protected Actor()
    {
        Cell = ActorCell.TakeConstructing()
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was created with 'new'. Actors are created only by Spawn (e.g. system.Spawn<{GetType().Name}>() or Spawn(() => new {GetType().Name}(...))), which returns their reference.");
    }

    /// <summary>The untyped address of this actor. The generated <c>Self</c> is its typed reference.</summary>
    protected internal Address SelfAddress => Cell.Address;

    /// <summary>The system this actor lives in.</summary>
    protected ActorSystem System => Cell.System;

    /// <summary>
    /// Cancelled when the actor is being killed or abandoned at shutdown. Handlers that take a trailing
    /// <see cref="CancellationToken"/> parameter receive this token.
    /// </summary>
    protected CancellationToken StoppingToken => Cell.StoppingToken;

    /// <summary>Spawns a child actor. Children stop when their parent terminates.</summary>
    protected ActorRef<TChild> Spawn<TChild>()
        where TChild : Actor, IActorFactory<TChild> =>
        Cell.System.SpawnCore(Cell, static services => TChild.Create(services));

    /// <summary>Spawns a child actor created by <paramref name="factory"/>. Children stop when their parent terminates.</summary>
    protected ActorRef<TChild> Spawn<TChild>(Func<TChild> factory)
        where TChild : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Cell.System.SpawnCore(Cell, _ => factory());
    }

    /// <summary>Stops this actor once the current message (or <see cref="OnStarted"/>) has finished.</summary>
    protected void Stop() => Cell.Stop();

    /// <summary>Runs before the first message. May be asynchronous; no message is handled until it completes.</summary>
    protected virtual Task OnStarted() => Task.CompletedTask;

    /// <summary>
    /// Runs once when the actor terminates for any reason, after its last message. May be asynchronous. An exception
    /// here is reported to <see cref="ActorSystem.Errors"/> and does not stop the termination.
    /// </summary>
    protected virtual Task OnStopped() => Task.CompletedTask;

    /// <summary>Dispatches one message to its handler. Implemented by the source generator.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract ValueTask DispatchAsync(object message, Reply? reply);

    /// <summary>Called by generated dispatch code for a message no handler accepts.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask Unhandled(object message, Reply? reply)
    {
        Cell.OnUnhandled(message, reply);
        return default;
    }

    internal ValueTask Dispatch(object message, Reply? reply) => DispatchAsync(message, reply);

    internal Task InvokeOnStarted() => OnStarted() ?? Task.CompletedTask;

    internal Task InvokeOnStopped() => OnStopped() ?? Task.CompletedTask;
}

using System.ComponentModel;
using TypedActors.Cell;
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
public abstract partial class Actor
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

    /// <summary>
    /// The system this actor lives in. (Not named <c>System</c>: inside an actor that would hide the <c>System</c>
    /// namespace.)
    /// </summary>
    protected ActorSystem ActorSystem => Cell.System;

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
        return Cell.System.SpawnCore(Cell, factory);
    }

    /// <summary>
    /// Spawns a child with its own mailbox bound, which wins over the class's <see cref="MailboxAttribute"/> and the
    /// system's default. Children stop when their parent terminates.
    /// </summary>
    protected ActorRef<TChild> Spawn<TChild>(MailboxOptions mailbox)
        where TChild : Actor, IActorFactory<TChild>
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Cell.System.SpawnCore(Cell, static services => TChild.Create(services), mailbox: mailbox);
    }

    /// <summary>Spawns a child created by <paramref name="factory"/>, with its own mailbox bound (see <see cref="Spawn{TChild}(MailboxOptions)"/>).</summary>
    protected ActorRef<TChild> Spawn<TChild>(Func<TChild> factory, MailboxOptions mailbox)
        where TChild : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(mailbox);
        return Cell.System.SpawnCore(Cell, factory, mailbox: mailbox);
    }

    /// <summary>
    /// Spawns a child linked to this actor, atomically: the link exists before the child runs, so it cannot die
    /// unobserved. See <see cref="Link"/>.
    /// </summary>
    protected ActorRef<TChild> SpawnLinked<TChild>()
        where TChild : Actor, IActorFactory<TChild> =>
        Cell.System.SpawnCore(Cell, static services => TChild.Create(services), link: true);

    /// <summary>Spawns a linked child created by <paramref name="factory"/>. See <see cref="SpawnLinked{TChild}()"/>.</summary>
    protected ActorRef<TChild> SpawnLinked<TChild>(Func<TChild> factory)
        where TChild : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Cell.System.SpawnCore(Cell, factory, link: true);
    }

    /// <summary>Spawns a linked child with its own mailbox bound. See <see cref="SpawnLinked{TChild}()"/> and <see cref="Spawn{TChild}(MailboxOptions)"/>.</summary>
    protected ActorRef<TChild> SpawnLinked<TChild>(MailboxOptions mailbox)
        where TChild : Actor, IActorFactory<TChild>
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Cell.System.SpawnCore(Cell, static services => TChild.Create(services), link: true, mailbox: mailbox);
    }

    /// <summary>Spawns a linked child created by <paramref name="factory"/>, with its own mailbox bound.</summary>
    protected ActorRef<TChild> SpawnLinked<TChild>(Func<TChild> factory, MailboxOptions mailbox)
        where TChild : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(mailbox);
        return Cell.System.SpawnCore(Cell, factory, link: true, mailbox: mailbox);
    }

    /// <summary>
    /// Links this actor with <paramref name="other"/>, both ways (Erlang semantics). When either dies abnormally (a
    /// failure or a kill), the other dies with the same reason — unless it sets <see cref="TrapExits"/>, in which case
    /// it receives an <see cref="Exited"/> message instead. A normal stop kills no one (trapping actors still get
    /// <see cref="Exited"/>). Linking to an actor that is already dead delivers its exit at once.
    /// </summary>
    protected void Link(Address other) => Cell.Link(other);

    /// <summary>Removes the link with <paramref name="other"/>.</summary>
    protected void Unlink(Address other) => Cell.Unlink(other);

    /// <summary>
    /// Monitors <paramref name="other"/> (one way): this actor receives exactly one <see cref="Down"/> message when it
    /// terminates, for any reason — at once if it is already dead.
    /// </summary>
    protected void Monitor(Address other) => Cell.Monitor(other);

    /// <summary>Stops monitoring <paramref name="other"/>.</summary>
    protected void Demonitor(Address other) => Cell.Demonitor(other);

    /// <summary>When true, exit signals of linked actors arrive as <see cref="Exited"/> messages instead of killing this actor.</summary>
    protected bool TrapExits
    {
        get => Cell.TrapExits;
        set => Cell.TrapExits = value;
    }

    /// <summary>Stops this actor once the current message (or <see cref="OnStarted"/>) has finished.</summary>
    protected void Stop() => Cell.Stop();

    /// <summary>
    /// Selective receive: waits for the first queued message (in arrival order) that is a <typeparamref name="T"/> and
    /// matches <paramref name="match"/>, and takes it. Every other message stays queued, in order, and is dispatched
    /// normally after the current handler. Call it from a handler (or <see cref="OnStarted"/>) and await it.
    /// </summary>
    /// <remarks>
    /// Fails with <see cref="TimeoutException"/> after <paramref name="timeout"/> (with <see cref="TimeSpan.Zero"/>, at once
    /// when no matching message is queued: a queued match is still taken), is cancelled by
    /// <paramref name="cancellationToken"/>, and throws <see cref="KilledException"/> when the actor is killed. A request
    /// sent with <c>Ask</c> that a receive takes is never answered: its asker gets <see cref="RequestNotAnsweredException"/>.
    /// Messages can only be sent typed (<c>Tell</c>) to types the actor has a handler for; a handler for
    /// <typeparamref name="T"/> also receives the messages that arrive when no receive is waiting.
    /// </remarks>
    protected Task<T> Receive<T>(Func<T, bool>? match = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Cell.ReceiveAsync(
            match is null ? static m => m is T : m => m is T typed && match(typed),
            static m => (T)m,
            timeout,
            cancellationToken);

    /// <summary>
    /// Selective receive of the first queued message that is a <typeparamref name="T1"/> matching
    /// <paramref name="match1"/> or a <typeparamref name="T2"/> matching <paramref name="match2"/> — e.g. a reply or a
    /// cancellation, whichever comes first. See <see cref="Receive{T}"/>.
    /// </summary>
    protected Task<Received<T1, T2>> Receive<T1, T2>(
        Func<T1, bool>? match1 = null, Func<T2, bool>? match2 = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Cell.ReceiveAsync(
            m => (m is T1 first && (match1 is null || match1(first))) || (m is T2 second && (match2 is null || match2(second))),
            static m => new Received<T1, T2>(m),
            timeout,
            cancellationToken);

    /// <summary>Sends <paramref name="message"/> to this actor after <paramref name="delay"/>.</summary>
    /// <returns>The timer; cancel it to stop the message. It is cancelled when this actor stops.</returns>
    protected ActorTimer SendAfter(TimeSpan delay, object message) =>
        Cell.Schedule(Cell.Address, message, delay, Timeout.InfiniteTimeSpan);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> after <paramref name="delay"/>.</summary>
    /// <returns>The timer; cancel it to stop the message. It is cancelled when this actor stops.</returns>
    protected ActorTimer SendAfter(TimeSpan delay, Address target, object message) =>
        Cell.Schedule(target, message, delay, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Sends <paramref name="message"/> to this actor every <paramref name="interval"/> (first after
    /// <paramref name="initialDelay"/>, default one interval) until the timer is cancelled or this actor stops.
    /// </summary>
    protected ActorTimer SendPeriodically(TimeSpan interval, object message, TimeSpan? initialDelay = null) =>
        Cell.Schedule(Cell.Address, message, initialDelay ?? interval, interval);

    /// <summary>
    /// After this actor has handled no message for <paramref name="timeout"/>, it receives <see cref="ReceiveTimeout"/>
    /// (handle it with a <c>[Receive]</c> method), and again after every further idle period. Null turns it off.
    /// </summary>
    protected void SetReceiveTimeout(TimeSpan? timeout) => Cell.SetReceiveTimeout(timeout);

    /// <summary>Runs before the first message. May be asynchronous; no message is handled until it completes.</summary>
    protected virtual Task OnStarted() => Task.CompletedTask;

    /// <summary>
    /// Runs once when the actor terminates for any reason, after its last message. May be asynchronous. An exception
    /// here is reported to <see cref="ActorSystem.Errors"/> and does not stop the termination.
    /// </summary>
    protected virtual Task OnStopped() => Task.CompletedTask;

    /// <summary>
    /// Dispatches one message to its handler. Overridden by the source generator in every partial actor class; a class
    /// it cannot extend (not partial: TA1001, or nested in a type that is not: TA1007) handles no message.
    /// </summary>
    /// <remarks>Not abstract, so that such a class fails to build with its TA error alone rather than CS0534.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual ValueTask DispatchAsync(object message, Reply? reply) => Unhandled(message, reply);

    /// <summary>Called by generated dispatch code for a message no handler accepts.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask Unhandled(object message, Reply? reply)
    {
        Cell.OnUnhandled(message, reply);
        return default;
    }

    /// <summary>
    /// Writes this actor's fields for a state snapshot (see <see cref="State.ActorState.CaptureAsync"/>). Implemented
    /// by the source generator for every actor class that declares fields; runs inside the actor's turn.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void WriteState(State.ActorStateWriter state)
    {
    }

    internal ValueTask Dispatch(object message, Reply? reply) => DispatchAsync(message, reply);

    internal void CaptureState(State.ActorStateWriter state) => WriteState(state);

    internal Task InvokeOnStarted() => OnStarted() ?? Task.CompletedTask;

    internal Task InvokeOnStopped() => OnStopped() ?? Task.CompletedTask;
}

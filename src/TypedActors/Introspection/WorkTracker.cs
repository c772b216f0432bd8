using System.Collections.Concurrent;
using System.ComponentModel;
using TypedActors.Remoting;

namespace TypedActors.Introspection;

/// <summary>
/// Counts the work an actor system has scheduled or running, for tools that must know when its actors have nothing
/// left to do, such as a test kit that runs a system until it is idle. Give one to
/// <see cref="ActorSystemOptions.WorkTracker"/> when creating the system; a tracker serves one system. Not for
/// application code.
/// </summary>
/// <remarks>
/// <para>
/// Counted: every turn of an actor, from the moment it is queued to the thread pool (a message, a handler's
/// continuation, a stop or a kill scheduled it) until it has ended and looked for more work, so that a turn that
/// schedules the next one is counted before it stops counting itself; and every completion the runtime hands to the
/// thread pool on an actor's behalf. Work that an actor's turn causes is therefore counted before that turn ends, and
/// <see cref="PendingWork"/> is zero only when no actor has anything queued that it could run.
/// </para>
/// <para>
/// Not counted, because the runtime cannot see it: what runs outside the actors, such as a handler's <c>await</c> of
/// I/O or of <c>Task.Run</c>, or a timer of a real clock. A handler that awaits is listed in
/// <see cref="AwaitingHandlers"/> until its continuation runs; it is waiting, not working.
/// </para>
/// <para>
/// A system without a tracker counts nothing: a turn reads one field of its system once, and the path of a message
/// is unchanged.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkTracker
{
    private readonly ConcurrentDictionary<ActorProcess, Type?> _awaiting = new();
    private ActorSystem? _system;
    private long _pending;
    private TaskCompletionSource? _idle;

    /// <summary>Turns of actors, and runtime completions on their behalf, that are queued to the thread pool or running now.</summary>
    public long PendingWork => Volatile.Read(ref _pending);

    /// <summary>
    /// Completes once <see cref="PendingWork"/> is zero: at once when it is zero now, otherwise when it next drops to
    /// zero. It may have risen again by the time a continuation runs; read <see cref="PendingWork"/> to be sure.
    /// </summary>
    public Task WhenIdle()
    {
        if (PendingWork == 0)
        {
            return Task.CompletedTask;
        }

        TaskCompletionSource waiter = Volatile.Read(ref _idle) ?? InstallWaiter();

        // Work may have ended between the first read and the installation; the last decrement might have missed it.
        if (PendingWork == 0)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    /// <summary>The actors whose handler or hook is awaiting a task right now, in no particular order.</summary>
    public IReadOnlyList<AwaitingHandler> AwaitingHandlers() =>
        [.. _awaiting.Select(pair => new AwaitingHandler(pair.Key.Address, pair.Value))];

    internal void Bind(ActorSystem system)
    {
        if (Interlocked.CompareExchange(ref _system, system, null) is { } other)
        {
            throw new InvalidOperationException(
                $"This work tracker already counts the work of actor system '{other.Name}'; each system needs a tracker of its own.");
        }
    }

    internal void WorkScheduled() => Interlocked.Increment(ref _pending);

    internal void WorkEnded()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            Interlocked.Exchange(ref _idle, null)?.TrySetResult();
        }
    }

    internal void HandlerAwaiting(ActorProcess actor, Type? messageType) => _awaiting[actor] = messageType;

    internal void HandlerResumed(ActorProcess actor) => _awaiting.TryRemove(actor, out _);

    private TaskCompletionSource InstallWaiter()
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Interlocked.CompareExchange(ref _idle, created, null) ?? created;
    }
}

/// <summary>An actor whose handler or hook awaits a task (see <see cref="WorkTracker.AwaitingHandlers"/>).</summary>
/// <param name="Actor">The actor.</param>
/// <param name="MessageType">The type of the message its handler is handling; null while <c>OnStarted</c> or <c>OnStopped</c> awaits.</param>
public readonly record struct AwaitingHandler(Address Actor, Type? MessageType);

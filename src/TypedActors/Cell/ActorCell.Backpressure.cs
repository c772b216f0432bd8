using TypedActors.Mailbox;

namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>Bounds the mailbox. Called at spawn, before the actor's address escapes.</summary>
    public void BoundMailbox(MailboxBound bound) => _bound = bound;

    /// <summary>The bound of the mailbox, or null when it has none.</summary>
    public MailboxBound? Bound => _bound;

    /// <summary>
    /// A runtime signal: never refused by a full mailbox and never counted against its capacity. A bounded mailbox
    /// carries it in an envelope, so that the consumer tells it from a user message of the same type.
    /// </summary>
    internal override void DeliverSignal(object signal)
    {
        if (Volatile.Read(ref _state) >= Terminating)
        {
            DeadLetter(signal, DeadLetterReason.RecipientDead);
            return;
        }

        _mailbox.Enqueue(_bound is null ? signal : new SignalEnvelope(signal));
        TrySchedule();
    }

    /// <summary>Room for a user message on a full mailbox: the oldest makes way (DropOldest), or the message is refused.</summary>
    private bool AdmitWhenFull(MailboxBound bound, object delivery)
    {
        if (bound.Overflow == MailboxOverflow.DropOldest && bound.TryAdmitReplacingOldest())
        {
            return true;
        }

        RefuseDelivery(delivery);
        return false;
    }

    /// <summary>
    /// <c>TellAsync</c>: enqueues at once when there is room, otherwise waits for room, first come first served among
    /// waiting senders. With <see cref="MailboxOverflow.DropOldest"/> room is always made, so it never waits.
    /// </summary>
    internal override ValueTask DeliverAsync(object delivery, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (Volatile.Read(ref _state) >= Terminating)
        {
            return DeadOnSend(delivery);
        }

        MailboxBound? bound = _bound;
        if (bound is null || bound.TryAdmit() || (bound.Overflow == MailboxOverflow.DropOldest && AdmitWhenFull(bound, delivery)))
        {
            _mailbox.Enqueue(delivery);
            TrySchedule();
            return default;
        }

        return bound.Overflow == MailboxOverflow.DropOldest ? default : WaitForRoom(bound, delivery, cancellationToken);
    }

    private ValueTask DeadOnSend(object delivery)
    {
        DeadLetter(delivery, DeadLetterReason.RecipientDead);
        return ValueTask.FromException(new DeadActorException(Address, Volatile.Read(ref _exitReason)));
    }

    private ValueTask WaitForRoom(MailboxBound bound, object delivery, CancellationToken cancellationToken)
    {
        ActorCell? sender = t_current; // sending from inside an actor's turn: an edge of the wait-for graph
        RoomWaiter waiter;
        bool cancelled = false;
        lock (bound)
        {
            if (!bound.HasWaiters && bound.TryReserve())
            {
                _mailbox.Enqueue(delivery); // room freed up meanwhile, and nobody waits for it
                waiter = null!;
            }
            else
            {
                waiter = bound.Rent();
                if (waiter.Start(this, delivery, sender, cancellationToken))
                {
                    bound.Append(waiter);
                }
                else
                {
                    cancelled = true;
                }
            }
        }

        if (waiter is null)
        {
            TrySchedule();
            return default;
        }

        if (cancelled)
        {
            waiter.Fail(new OperationCanceledException(cancellationToken));
            return waiter.Task;
        }

        if (sender is not null)
        {
            sender.Extras.WaitingForRoom = waiter;
            Interlocked.MemoryBarrier(); // publish the edge before reading others': of two actors closing a cycle at once, one sees it
            if (FindWaitCycle(sender) is { } cycle)
            {
                bool removed;
                lock (bound)
                {
                    removed = bound.Remove(waiter);
                }

                if (removed)
                {
                    waiter.Fail(new MailboxDeadlockException(cycle));
                    return waiter.Task;
                }
            }
        }

        // The consumer looks for waiters after the full fence that ends its turn; this one follows the queueing above.
        // Between them, room that freed up (or a death) before the consumer could see this waiter is found.
        Interlocked.MemoryBarrier();
        HandOffRoom();
        return waiter.Task;
    }

    /// <summary>
    /// Hands room to waiting senders, in order, while there is room: each waiter's message is enqueued on its behalf
    /// (under the bound's lock, so the messages keep the waiters' order) and its task completes. Once the actor is
    /// terminating, every waiter fails with <see cref="DeadActorException"/> and its message is a dead letter. Any
    /// thread may call this.
    /// </summary>
    private void HandOffRoom()
    {
        MailboxBound bound = _bound!;
        bool enqueued = false;
        while (true)
        {
            RoomWaiter? waiter;
            bool dead;
            lock (bound)
            {
                waiter = bound.First;
                if (waiter is null)
                {
                    break;
                }

                dead = Volatile.Read(ref _state) >= Terminating;
                if (!dead && !bound.TryReserve())
                {
                    break;
                }

                bound.Remove(waiter);
                if (!dead)
                {
                    _mailbox.Enqueue(waiter.Message!);
                    enqueued = true;
                }
            }

            if (dead)
            {
                DeadLetter(waiter.Message!, DeadLetterReason.RecipientTerminated);
                waiter.Fail(new DeadActorException(Address, Volatile.Read(ref _exitReason)));
            }
            else
            {
                waiter.Admitted();
            }
        }

        if (enqueued)
        {
            TrySchedule();
        }
    }

    /// <summary>
    /// Whether the sender, about to wait for room in this mailbox, closes a cycle of actors each waiting for room in the
    /// next one's mailbox: then none of them would ever handle a message again. Returns the cycle, starting with the
    /// sender. The edges are read while others may change them; an edge is a waiter still queued, whose sender is
    /// parked on it and cannot make room in its own mailbox until it gets room in the next.
    /// </summary>
    private List<Address>? FindWaitCycle(ActorCell sender)
    {
        var path = new List<Address> { sender.Address };
        ActorCell current = this;
        for (int hops = 0; hops < 64; hops++)
        {
            if (ReferenceEquals(current, sender))
            {
                return path;
            }

            path.Add(current.Address);
            if (Volatile.Read(ref current._extras)?.WaitingForRoom is not { IsQueued: true } waiting
                || !ReferenceEquals(waiting.Sender, current)
                || waiting.Target is not { } next)
            {
                return null;
            }

            current = next;
        }

        return null; // a chain this long is not worth following further
    }

    /// <summary>A wait for room this actor started has ended.</summary>
    public void ForgetWaitForRoom(RoomWaiter waiter)
    {
        if (Volatile.Read(ref _extras) is { } extras && ReferenceEquals(extras.WaitingForRoom, waiter))
        {
            extras.WaitingForRoom = null;
        }
    }

    /// <summary>
    /// A queued item leaves the queue of user messages (dispatched, taken by a selective receive, dead-lettered): a user
    /// message no longer counts against the capacity, a signal loses its envelope. Returns what to handle; the consumer
    /// only. When enough room has freed up and senders wait, it is handed to them now rather than at the turn's end.
    /// </summary>
    private object Leave(object item, out bool counted)
    {
        MailboxBound? bound = _bound;
        if (bound is null)
        {
            counted = false;
            return item;
        }

        if (item is SignalEnvelope signal)
        {
            counted = false;
            return signal.Signal;
        }

        counted = true;
        bound.Release();
        if (bound.ShouldHandOff)
        {
            HandOffRoom();
        }

        return item;
    }

    private object Leave(object item) => Leave(item, out _);
}

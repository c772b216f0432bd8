namespace TypedActors.Mailbox;

/// <summary>
/// The bound of one actor's mailbox: its capacity, how many user messages it holds, and the senders waiting for room.
/// </summary>
/// <remarks>
/// <para>
/// The count is two counters rather than one, so that neither side needs a lock and the consumer needs no atomic
/// operation: producers reserve room with one CAS on <c>_admitted</c>, which they only move while
/// <c>_admitted - _released</c> is below the capacity; the single consumer publishes what left the queue with a
/// plain release store to <c>_released</c>. A producer that reads an old <c>_released</c> sees the mailbox fuller than
/// it is, never emptier, so the capacity is never exceeded.
/// </para>
/// <para>
/// Waiting senders (<see cref="RoomWaiter"/>) form a FIFO list under the lock of this object: the slow path. While one
/// waits, newcomers are refused as if the mailbox were full (<see cref="TryAdmit"/>): the room that frees up belongs to
/// those who came first. Room is handed to them by whoever finds it (the consumer, once enough has freed up or when its
/// turn ends; the waiting sender itself, right after it queued), which enqueues the waiter's message on its behalf.
/// </para>
/// </remarks>
internal sealed class MailboxBound
{
    private int _admitted;
    private int _released;
    private int _dropDebt;
    private int _waiting;
    private RoomWaiter? _first;
    private RoomWaiter? _last;
    private RoomWaiter? _spare;

    public MailboxBound(int capacity, MailboxOverflow overflow)
    {
        Capacity = capacity;
        Overflow = overflow;

        // Waiters are woken in batches rather than one freed slot at a time: a woken sender that finds the mailbox full
        // again at once would pay a wait per message.
        HandOffBatch = Math.Clamp(capacity / 4, 1, 64);
    }

    public int Capacity { get; }

    public MailboxOverflow Overflow { get; }

    /// <summary>The room the consumer lets free up before it wakes waiting senders in the middle of a turn.</summary>
    public int HandOffBatch { get; }

    /// <summary>User messages in the mailbox (and in the actor's selective-receive backlog); exact when the actor is idle.</summary>
    public int Count => Volatile.Read(ref _admitted) - Volatile.Read(ref _released);

    /// <summary>Whether senders wait for room. A plain read: the consumer's look at the end of a turn follows a full fence.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiting) != 0;

    /// <summary>Reserves room for one user message, unless the mailbox is full or senders are waiting for room.</summary>
    public bool TryAdmit() => Volatile.Read(ref _waiting) == 0 && TryReserve();

    /// <summary>Reserves room for one user message if there is any.</summary>
    public bool TryReserve()
    {
        int admitted = Volatile.Read(ref _admitted);
        while (true)
        {
            if (admitted - Volatile.Read(ref _released) >= Capacity)
            {
                return false;
            }

            int seen = Interlocked.CompareExchange(ref _admitted, admitted + 1, admitted);
            if (seen == admitted)
            {
                return true;
            }

            admitted = seen;
        }
    }

    /// <summary>
    /// <see cref="MailboxOverflow.DropOldest"/> on a full mailbox: lets the message in and owes the consumer one drop of
    /// the oldest. False when the consumer already owes a whole capacity of drops (it has taken nothing meanwhile, say
    /// its handler awaits): the mailbox then holds twice its capacity, and the newest message is refused instead.
    /// </summary>
    public bool TryAdmitReplacingOldest()
    {
        if (Interlocked.Increment(ref _dropDebt) > Capacity)
        {
            Interlocked.Decrement(ref _dropDebt);
            return false;
        }

        Interlocked.Increment(ref _admitted);
        return true;
    }

    /// <summary>Consumer only: a user message left the queue (handled, taken by a receive, dropped or dead-lettered).</summary>
    public void Release() => Volatile.Write(ref _released, _released + 1);

    /// <summary>Consumer only: whether the message just released is to be dropped as the oldest (DropOldest).</summary>
    public bool TryTakeDropDebt()
    {
        if (Volatile.Read(ref _dropDebt) == 0)
        {
            return false;
        }

        Interlocked.Decrement(ref _dropDebt); // only the consumer decrements, so the debt cannot go below zero
        return true;
    }

    /// <summary>Consumer only: whether enough room has freed up to wake waiting senders in the middle of a turn.</summary>
    public bool ShouldHandOff => HasWaiters && Capacity - Count >= HandOffBatch;

    // ---- waiting senders, under lock(this) -----------------------------------------------------------------------

    /// <summary>The longest-waiting sender. Under the lock.</summary>
    public RoomWaiter? First => _first;

    /// <summary>A waiter to use, from the one kept for reuse or new. Under the lock.</summary>
    public RoomWaiter Rent()
    {
        RoomWaiter? waiter = _spare;
        if (waiter is null)
        {
            return new RoomWaiter(this);
        }

        _spare = waiter.Next;
        waiter.Next = null;
        return waiter;
    }

    /// <summary>A waiter whose result its sender has read, kept for the next wait.</summary>
    public void Return(RoomWaiter waiter)
    {
        lock (this)
        {
            waiter.Next = _spare;
            _spare = waiter;
        }
    }

    /// <summary>Queues a waiter last. Under the lock.</summary>
    public void Append(RoomWaiter waiter)
    {
        waiter.IsQueued = true;
        waiter.Previous = _last;
        waiter.Next = null;
        if (_last is null)
        {
            _first = waiter;
        }
        else
        {
            _last.Next = waiter;
        }

        _last = waiter;
        Volatile.Write(ref _waiting, _waiting + 1);
    }

    /// <summary>Takes a waiter out of the queue; false when it was no longer queued (admitted, failed or cancelled). Under the lock.</summary>
    public bool Remove(RoomWaiter waiter)
    {
        if (!waiter.IsQueued)
        {
            return false;
        }

        waiter.IsQueued = false;
        if (waiter.Previous is null)
        {
            _first = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _last = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Previous = null;
        waiter.Next = null;
        Volatile.Write(ref _waiting, _waiting - 1);
        return true;
    }
}

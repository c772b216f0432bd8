using System.Runtime.InteropServices;

namespace TypedActors.Mailbox;

/// <summary>
/// The bound of one actor's mailbox: its capacity, how many user messages it holds, and the senders waiting for room.
/// </summary>
/// <remarks>
/// <para>
/// The count is two counters rather than one, so that neither side needs a lock and the consumer needs no atomic
/// operation: producers reserve room with one CAS on <c>Admitted</c>, which they only move while
/// <c>Admitted - Released</c> is below the capacity; the single consumer publishes what left the queue with a
/// plain release store to <c>Released</c>. A producer that reads an old <c>Released</c> sees the mailbox fuller than
/// it is, never emptier, so the capacity is never exceeded. Producers do not even read <c>Released</c> on every
/// message: they keep the last value they saw next to <c>Admitted</c> and look again only when that stale view says
/// the mailbox is full.
/// </para>
/// <para>
/// The counters live on three cache lines (<see cref="Counters"/>): what producers write, what the consumer writes, and
/// what both only read on every message. Sharing one line, every producer's CAS took the line from the consumer's core
/// and every consumer's release took it back: a cache miss on each side per message, which an unbounded mailbox does
/// not pay.
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
    private Counters _counters;
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
    public int Count => Volatile.Read(ref _counters.Admitted) - Volatile.Read(ref _counters.Released);

    /// <summary>Whether senders wait for room. A plain read: the consumer's look at the end of a turn follows a full fence.</summary>
    public bool HasWaiters => Volatile.Read(ref _counters.Waiting) != 0;

    /// <summary>Reserves room for one user message, unless the mailbox is full or senders are waiting for room.</summary>
    public bool TryAdmit() => Volatile.Read(ref _counters.Waiting) == 0 && TryReserve();

    /// <summary>Reserves room for one user message if there is any.</summary>
    public bool TryReserve()
    {
        int admitted = Volatile.Read(ref _counters.Admitted);
        while (true)
        {
            if (admitted - Volatile.Read(ref _counters.ReleasedSeen) >= Capacity)
            {
                int released = Volatile.Read(ref _counters.Released);
                if (admitted - released >= Capacity)
                {
                    return false;
                }

                // Racing producers may store an older value over a newer one: any value Released once had is at most
                // what it has now, so the view only ever errs towards full.
                Volatile.Write(ref _counters.ReleasedSeen, released);
            }

            int seen = Interlocked.CompareExchange(ref _counters.Admitted, admitted + 1, admitted);
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
        if (Interlocked.Increment(ref _counters.DropDebt) > Capacity)
        {
            Interlocked.Decrement(ref _counters.DropDebt);
            return false;
        }

        Interlocked.Increment(ref _counters.Admitted);
        return true;
    }

    /// <summary>Consumer only: a user message left the queue (handled, taken by a receive, dropped or dead-lettered).</summary>
    public void Release() => Volatile.Write(ref _counters.Released, _counters.Released + 1);

    /// <summary>Consumer only: whether the message just released is to be dropped as the oldest (DropOldest).</summary>
    public bool TryTakeDropDebt()
    {
        if (Volatile.Read(ref _counters.DropDebt) == 0)
        {
            return false;
        }

        Interlocked.Decrement(ref _counters.DropDebt); // only the consumer decrements, so the debt cannot go below zero
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
        Volatile.Write(ref _counters.Waiting, _counters.Waiting + 1);
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
        Volatile.Write(ref _counters.Waiting, _counters.Waiting - 1);
        return true;
    }

    /// <summary>
    /// The counters, each group at least a cache line (64 bytes) away from the next, so the producers' writes, the
    /// consumer's writes and the fields both read on every message never share a line.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 216)]
    private struct Counters
    {
        /// <summary>Senders waiting for room: read on every message by both sides, written only when one starts or stops waiting.</summary>
        [FieldOffset(0)]
        public int Waiting;

        /// <summary>User messages let in so far: the producers' CAS.</summary>
        [FieldOffset(68)]
        public int Admitted;

        /// <summary>A value <see cref="Released"/> had, as producers last saw it.</summary>
        [FieldOffset(72)]
        public int ReleasedSeen;

        /// <summary>Drops of the oldest message owed to the consumer (<see cref="MailboxOverflow.DropOldest"/> only).</summary>
        [FieldOffset(76)]
        public int DropDebt;

        /// <summary>User messages that left the queue: written by the consumer alone.</summary>
        [FieldOffset(144)]
        public int Released;
    }
}

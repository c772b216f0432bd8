namespace TypedActors.Mailbox;

/// <summary>
/// One bounded ring of an <see cref="MpscQueue"/> (Vyukov's bounded queue with per-slot sequence numbers): producers
/// claim a slot with one CAS on the tail and publish it with a release store; the single consumer needs no atomic
/// operation. Freezing adds an offset to the tail that makes every later claim fail, which is how the queue moves on to
/// the next ring without breaking FIFO order.
/// </summary>
internal sealed class RingSegment
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly int _freezeOffset;
    private int _head;          // consumer only
    private int _tail;          // producers, via CAS
    internal RingSegment? Next;

    // Consumer-side bookkeeping of the shrink policy (see MpscQueue.TryShrink). It lives in the ring rather than in the
    // queue because the queue is embedded in every actor, and a ring exists only while an actor has had a backlog.

    /// <summary>The largest backlog the consumer saw since the last drain.</summary>
    internal int PeakBacklog;

    /// <summary>Drains in a row whose backlog stayed well below the ring's capacity.</summary>
    internal int QuietDrains;

    /// <summary>
    /// The quiet drains the next shrink needs (0: the default), negated from a shrink until the queue has grown past
    /// the small ring again. Handed from ring to ring as the queue grows and shrinks.
    /// </summary>
    internal int ShrinkPatience;

    public RingSegment(int capacity)
    {
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _freezeOffset = capacity * 2;
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <summary>
    /// The ring that continues a queue whose inline slot was occupied: its first slot already holds
    /// <paramref name="first"/> (built privately, published whole), and its peak backlog counts the item in the slot.
    /// </summary>
    public static RingSegment Overflowing(int capacity, object first)
    {
        var ring = new RingSegment(capacity) { PeakBacklog = 2 };
        ring._slots[0].Item = first;
        ring._slots[0].Sequence = 1;
        ring._tail = 1;
        return ring;
    }

    public int Capacity => _slots.Length;

    public int ApproximateCount
    {
        get
        {
            int tail = Volatile.Read(ref _tail);
            int reserved = tail - Volatile.Read(ref _head);
            if (reserved > _slots.Length)
            {
                reserved -= _freezeOffset; // frozen: the tail carries the freeze offset
            }

            return Math.Clamp(reserved, 0, _slots.Length);
        }
    }

    public bool HasItem
    {
        get
        {
            int head = Volatile.Read(ref _head);
            return Volatile.Read(ref _slots[head & _mask].Sequence) == head + 1;
        }
    }

    /// <summary>True once frozen and every reserved slot has been consumed.</summary>
    public bool IsDrainedAfterFreeze => Volatile.Read(ref _tail) - _freezeOffset == Volatile.Read(ref _head);

    /// <summary>Consumer side: nothing reserved beyond what was consumed, and not frozen.</summary>
    public bool IsEmptyUnfrozen => Volatile.Read(ref _tail) == _head;

    public bool TryEnqueue(object item)
    {
        Slot[] slots = _slots;
        while (true)
        {
            int tail = Volatile.Read(ref _tail);
            ref Slot slot = ref slots[tail & _mask];
            int distance = Volatile.Read(ref slot.Sequence) - tail;
            if (distance == 0)
            {
                if (Interlocked.CompareExchange(ref _tail, tail + 1, tail) == tail)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, tail + 1);
                    return true;
                }
            }
            else if (distance < 0)
            {
                return false; // full, or frozen (the freeze offset makes every slot look a lap behind)
            }
        }
    }

    /// <summary>Takes the oldest item; <paramref name="backlog"/> is how many were queued from it on (a plain read).</summary>
    public bool TryDequeue([NotNullWhen(true)] out object? item, out int backlog)
    {
        int head = _head;
        ref Slot slot = ref _slots[head & _mask];
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            item = null;
            backlog = 0;
            return false;
        }

        backlog = _tail - head; // may include the freeze offset of a frozen ring: only compared with a quarter of it

        item = slot.Item!;
        slot.Item = null;
        Volatile.Write(ref _head, head + 1);
        Volatile.Write(ref slot.Sequence, head + _slots.Length);
        return true;
    }

    public void Freeze() => Interlocked.Add(ref _tail, _freezeOffset);

    /// <summary>Freezes the segment only if no producer has reserved a slot the consumer has not taken.</summary>
    public bool TryFreezeIfEmpty()
    {
        int empty = _head;
        return Interlocked.CompareExchange(ref _tail, empty + _freezeOffset, empty) == empty;
    }

    private struct Slot
    {
        public object? Item;
        public int Sequence;
    }
}

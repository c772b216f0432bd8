using System.Runtime.CompilerServices;

namespace TypedActors.Mailbox;

/// <summary>
/// An unbounded multi-producer, single-consumer FIFO of object references.
/// </summary>
/// <remarks>
/// The queue is a chain of bounded ring segments (Vyukov's bounded queue with per-slot sequence numbers).
/// While the backlog fits in the current segment the ring is reused, so a steady stream of messages allocates
/// nothing. When a segment fills up, a producer freezes it under a lock (the rare path) and links one twice as large;
/// freezing makes every later enqueue into the old segment fail, which keeps FIFO order across segments. Segments
/// grow up to <see cref="MaxSegmentCapacity"/>, so a sustained backlog soon fits one reused ring. A large ring is swapped
/// for a small one (<see cref="TryShrink"/>) only after several drains in a row whose backlog stayed far below its
/// capacity, so a load that comes in bursts keeps its ring (no regrowth, no allocation) and a load that has calmed
/// down gives the memory back. A ring that had to grow again after a shrink needs twice as many quiet drains before
/// the next one (up to <see cref="MaxQuietDrainsBeforeShrink"/>): bursts that come back keep their ring for good.
/// The first segment is allocated on the first enqueue, so an actor that never receives costs only two fields.
/// This is a mutable struct embedded in its owner: it must only ever be used through a field, never copied.
/// </remarks>
internal struct MpscQueue
{
    internal const int InitialSegmentCapacity = 4;
    internal const int MaxSegmentCapacity = 16_384;
    internal const int ShrinkAboveCapacity = 64;
    internal const int QuietDrainsBeforeShrink = 16;
    internal const int MaxQuietDrainsBeforeShrink = 1 << 16;

    private Segment? _head;   // consumer side
    private Segment? _tail;   // producer side
    private int _peakBacklog; // consumer side: the largest backlog seen since the last drain
    private int _quietDrains; // consumer side: drains in a row whose peak stayed under a quarter of the ring
    // Consumer side: the quiet drains the next shrink needs (0: the default), negated from a shrink until the ring has
    // grown back. One field, not two: it lives in every actor.
    private int _shrinkPatience;

    /// <summary>Appends an item. Safe to call from any number of threads at once.</summary>
    public void Enqueue(object item)
    {
        Segment tail = Volatile.Read(ref _tail) ?? CreateFirstSegment();
        while (!tail.TryEnqueue(item))
        {
            tail = Grow(tail);
        }
    }

    /// <summary>Takes the oldest published item. Only the single consumer may call this.</summary>
    public bool TryDequeue([NotNullWhen(true)] out object? item)
    {
        Segment? head = _head;
        if (head is null)
        {
            head = Volatile.Read(ref _head);
            if (head is null)
            {
                item = null;
                return false;
            }
        }

        while (true)
        {
            if (head.TryDequeue(out item, out int backlog))
            {
                if (backlog > _peakBacklog)
                {
                    _peakBacklog = backlog;
                }

                return true;
            }

            if (!TryAdvance(ref head))
            {
                return false;
            }
        }
    }

    /// <summary>True when the consumer would get an item right now. Only the single consumer may call this.</summary>
    public bool HasItems
    {
        get
        {
            Segment? head = Volatile.Read(ref _head);
            while (head is not null)
            {
                if (head.HasItem)
                {
                    return true;
                }

                if (!TryAdvance(ref head))
                {
                    return false;
                }
            }

            return false;
        }
    }

    /// <summary>How many items are queued; approximate while producers and the consumer run. Any thread may call this.</summary>
    public long ApproximateCount
    {
        get
        {
            long count = 0;
            for (Segment? segment = Volatile.Read(ref _head); segment is not null; segment = Volatile.Read(ref segment.Next))
            {
                count += segment.ApproximateCount;
            }

            return count;
        }
    }

    /// <summary>
    /// Moves the consumer past a drained, frozen segment. Returns false when the segment is still the tail, or when a
    /// producer reserved a slot in it but has not published yet: that producer schedules the consumer once it has.
    /// </summary>
    private bool TryAdvance(ref Segment head)
    {
        Segment? next = Volatile.Read(ref head.Next);
        if (next is null || !head.IsDrainedAfterFreeze)
        {
            return false;
        }

        _head = next;
        head = next;
        return true;
    }

    /// <summary>The capacity of the segment the consumer reads (0 before the first message).</summary>
    internal int HeadCapacity => Volatile.Read(ref _head)?.Capacity ?? 0;

    /// <summary>
    /// Replaces a drained large ring with a small one. Only the single consumer may call this, when it found the queue
    /// empty. Does nothing if a producer has reserved a slot meanwhile (the ring is then not empty).
    /// </summary>
    public void TryShrink()
    {
        Segment? head = _head;
        if (head is null || head.Capacity <= ShrinkAboveCapacity || !head.IsEmptyUnfrozen)
        {
            return;
        }

        if (_shrinkPatience < 0)
        {
            // It grew back since the last shrink: the bursts come back, so the next shrink waits longer.
            _shrinkPatience = Math.Min(ShrinkPatience * 2, MaxQuietDrainsBeforeShrink);
        }

        bool quiet = _peakBacklog * 4 < head.Capacity;
        _peakBacklog = 0;
        _quietDrains = quiet ? _quietDrains + 1 : 0;
        if (_quietDrains < ShrinkPatience)
        {
            return;
        }

        _quietDrains = 0;

        lock (head)
        {
            if (Volatile.Read(ref _tail) != head || !head.TryFreezeIfEmpty())
            {
                return;
            }

            var small = new Segment(InitialSegmentCapacity);
            Volatile.Write(ref head.Next, small);
            Volatile.Write(ref _tail, small);
        }

        _head = head.Next; // frozen while empty: nothing is left behind in it
        _shrinkPatience = -ShrinkPatience;
    }

    /// <summary>The quiet drains in a row the next shrink needs.</summary>
    internal int ShrinkPatience => _shrinkPatience == 0 ? QuietDrainsBeforeShrink : Math.Abs(_shrinkPatience);

    private Segment CreateFirstSegment()
    {
        var created = new Segment(InitialSegmentCapacity);
        Segment first = Interlocked.CompareExchange(ref _head, created, null) ?? created;
        return Interlocked.CompareExchange(ref _tail, first, null) ?? first;
    }

    private Segment Grow(Segment full)
    {
        // Rare path: a full ring. Serialise growth on the segment itself so exactly one successor is linked.
        lock (full)
        {
            if (Volatile.Read(ref _tail) == full)
            {
                full.Freeze();
                var next = new Segment(Math.Min(full.Capacity * 2, MaxSegmentCapacity));
                Volatile.Write(ref full.Next, next);
                Volatile.Write(ref _tail, next);
            }

            return Volatile.Read(ref _tail)!;
        }
    }

    private sealed class Segment
    {
        private readonly Slot[] _slots;
        private readonly int _mask;
        private readonly int _freezeOffset;
        private int _head;          // consumer only
        private int _tail;          // producers, via CAS
        internal Segment? Next;

        public Segment(int capacity)
        {
            _slots = new Slot[capacity];
            _mask = capacity - 1;
            _freezeOffset = capacity * 2;
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i].Sequence = i;
            }
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

        public bool HasItem => Volatile.Read(ref _slots[_head & _mask].Sequence) == _head + 1;

        /// <summary>True once frozen and every reserved slot has been consumed.</summary>
        public bool IsDrainedAfterFreeze => Volatile.Read(ref _tail) - _freezeOffset == _head;

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

        /// <summary>Takes the oldest item; <paramref name="backlog"/> is how many were queued behind it (a plain read).</summary>
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
            _head = head + 1;
            Volatile.Write(ref slot.Sequence, head + _slots.Length);
            return true;
        }

        public void Freeze() => Interlocked.Add(ref _tail, _freezeOffset);

        /// <summary>Consumer side: nothing reserved beyond what was consumed, and not frozen.</summary>
        public bool IsEmptyUnfrozen => Volatile.Read(ref _tail) == _head;

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
}

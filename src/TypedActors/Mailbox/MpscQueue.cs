namespace TypedActors.Mailbox;

/// <summary>
/// An unbounded multi-producer, single-consumer FIFO of object references.
/// </summary>
/// <remarks>
/// <para>
/// The queue starts as one slot embedded in its owner, the <em>inline slot</em>: a ring of one item of Vyukov's design
/// (producers claim it with one CAS on its tail and publish with a release store; the consumer needs no atomic
/// operation). While messages come one at a time, as in a rally or to an actor told now and then, they pass through the
/// inline slot and the queue never allocates: an idle actor that has handled messages costs no more than one that
/// never had any.
/// </para>
/// <para>
/// A message that finds the inline slot occupied freezes it (its tail takes an offset that makes every later claim
/// fail) and continues the queue in a chain of <see cref="RingSegment"/>s, the first one holding that message. The
/// consumer takes what the inline slot holds first, then follows the rings. A full ring is frozen in turn and a
/// successor twice as large linked (up to <see cref="MaxSegmentCapacity"/>), so a sustained backlog soon fits one ring
/// that is reused without allocating. The consumer gives rings back when the load calms down (<see cref="TryShrink"/>):
/// a large drained ring for a small one, and a small one for the inline slot again.
/// </para>
/// <para>This is a mutable struct embedded in its owner: it must only ever be used through a field, never copied.</para>
/// </remarks>
internal struct MpscQueue
{
    internal const int InitialSegmentCapacity = 4;
    internal const int MaxSegmentCapacity = 16_384;
    internal const int ShrinkAboveCapacity = 64;
    internal const int QuietDrainsBeforeShrink = 16;
    internal const int MaxQuietDrainsBeforeShrink = 1 << 16;

    // Added to the inline tail to freeze the slot: far beyond any distance between the slot's sequence and its tail.
    private const int InlineFreezeOffset = 1 << 28;

    private object? _slotItem;     // the inline slot's item: written by the producer that claimed it, cleared by the consumer
    private int _slotSequence;     // 2p while inline position p is free, 2p + 1 once its item is published
    private int _slotTail;         // the next inline position to claim, plus InlineFreezeOffset while frozen
    private RingSegment? _head;    // consumer side: the ring it reads once the inline slot is frozen and drained
    private RingSegment? _tail;    // producer side: the ring producers write, null while they use the inline slot

    /// <summary>Appends an item. Safe to call from any number of threads at once.</summary>
    public void Enqueue(object item)
    {
        SpinWait spinner = default;
        while (true)
        {
            RingSegment? tail = Volatile.Read(ref _tail);
            if (tail is not null)
            {
                if (tail.TryEnqueue(item))
                {
                    return;
                }

                Grow(tail);
                continue;
            }

            switch (TryEnqueueInline(item))
            {
                case InlineClaim.Enqueued:
                    return;
                case InlineClaim.Frozen:
                    // Another producer froze the slot and is about to link its ring (two stores away), or the consumer
                    // is about to reopen the slot: either way the wait is a few instructions long.
                    spinner.SpinOnce();
                    break;
            }
        }
    }

    private enum InlineClaim : byte
    {
        Enqueued,
        Frozen,
    }

    /// <summary>Claims the inline slot, or continues the queue in a ring when the slot is occupied.</summary>
    private InlineClaim TryEnqueueInline(object item)
    {
        while (true)
        {
            int tail = Volatile.Read(ref _slotTail);
            int distance = Volatile.Read(ref _slotSequence) - (2 * tail);
            if (distance == 0)
            {
                if (Interlocked.CompareExchange(ref _slotTail, tail + 1, tail) == tail)
                {
                    _slotItem = item;
                    Volatile.Write(ref _slotSequence, (2 * tail) + 1);
                    return InlineClaim.Enqueued;
                }
            }
            else if (distance < -2)
            {
                return InlineClaim.Frozen;
            }
            else if (distance < 0 && TryOverflow(item, tail))
            {
                // -1: an item is published and not taken; -2: a producer claimed the slot and is publishing.
                return InlineClaim.Enqueued;
            }

            // distance > 0: the slot moved on between the two reads; read again.
        }
    }

    /// <summary>
    /// Freezes the occupied inline slot at <paramref name="tail"/> and links a ring that starts with
    /// <paramref name="item"/>. Only the producer whose freeze succeeds links its ring, so there is exactly one.
    /// </summary>
    private bool TryOverflow(object item, int tail)
    {
        RingSegment ring = RingSegment.Overflowing(InitialSegmentCapacity, item);
        if (Interlocked.CompareExchange(ref _slotTail, tail + InlineFreezeOffset, tail) != tail)
        {
            return false; // claimed, frozen or reopened meanwhile: the ring is dropped and the producer starts over
        }

        // The consumer reads _head only once the frozen slot is drained, and touches it only after that, so this
        // producer may set it. Published before _tail: a producer that sees the ring may enqueue behind this item.
        Volatile.Write(ref _head, ring);
        Volatile.Write(ref _tail, ring);
        return true;
    }

    /// <summary>Takes the oldest published item. Only the single consumer may call this.</summary>
    public bool TryDequeue([NotNullWhen(true)] out object? item)
    {
        int sequence = Volatile.Read(ref _slotSequence);
        if ((sequence & 1) != 0)
        {
            item = _slotItem!;
            _slotItem = null;
            Volatile.Write(ref _slotSequence, sequence + 1);
            return true;
        }

        RingSegment? head = Volatile.Read(ref _head);
        if (head is null || !InlineDrainedAfterFreeze(sequence))
        {
            // The inline slot is open and empty, or a producer that claimed it before the freeze is still publishing
            // (it schedules the consumer once it has), or the producer that froze it has not linked its ring yet.
            item = null;
            return false;
        }

        while (true)
        {
            if (head.TryDequeue(out item, out int backlog))
            {
                if (backlog > head.PeakBacklog)
                {
                    head.PeakBacklog = backlog;
                }

                return true;
            }

            RingSegment? next = Volatile.Read(ref head.Next);
            if (next is null || !head.IsDrainedAfterFreeze)
            {
                // The ring is still the tail, or a producer reserved a slot in it but has not published yet: that
                // producer schedules the consumer once it has.
                return false;
            }

            next.ShrinkPatience = head.ShrinkPatience;
            Volatile.Write(ref _head, next);
            head = next;
        }
    }

    /// <summary>
    /// True when the consumer would get an item right now. Reads only, so the look for work after a turn may call it
    /// while the next turn already runs on another thread.
    /// </summary>
    public bool HasItems
    {
        get
        {
            int sequence = Volatile.Read(ref _slotSequence);
            if ((sequence & 1) != 0)
            {
                return true;
            }

            RingSegment? head = Volatile.Read(ref _head);
            if (head is null || !InlineDrainedAfterFreeze(sequence))
            {
                return false;
            }

            while (true)
            {
                if (head.HasItem)
                {
                    return true;
                }

                RingSegment? next = Volatile.Read(ref head.Next);
                if (next is null || !head.IsDrainedAfterFreeze)
                {
                    return false;
                }

                head = next;
            }
        }
    }

    /// <summary>How many items are queued; approximate while producers and the consumer run. Any thread may call this.</summary>
    public long ApproximateCount
    {
        get
        {
            long count = (Volatile.Read(ref _slotSequence) & 1) != 0 ? 1 : 0;
            for (RingSegment? segment = Volatile.Read(ref _head); segment is not null; segment = Volatile.Read(ref segment.Next))
            {
                count += segment.ApproximateCount;
            }

            return count;
        }
    }

    /// <summary>The capacity of the ring the consumer reads: 0 while the queue lives in its inline slot.</summary>
    internal int HeadCapacity => Volatile.Read(ref _head)?.Capacity ?? 0;

    /// <summary>The quiet drains in a row the next shrink needs.</summary>
    internal int ShrinkPatience => Volatile.Read(ref _head) is { ShrinkPatience: not 0 and var patience } ? Math.Abs(patience) : QuietDrainsBeforeShrink;

    /// <summary>
    /// Gives memory back after a burst. Only the single consumer may call this, when it found the queue empty. A ring
    /// is given back only after several drains in a row whose backlog stayed far below its capacity, so a load that
    /// comes in bursts keeps its ring (no regrowth, no allocation): a large ring then makes way for a small one, and a
    /// small one, once no backlog beyond one item has been seen for as long, for the inline slot. A ring that had to
    /// grow large again after a shrink needs twice as many quiet drains before the next one (up to
    /// <see cref="MaxQuietDrainsBeforeShrink"/>): bursts that come back keep their ring for good. Does nothing if a
    /// producer has reserved a slot meanwhile (the ring is then not empty).
    /// </summary>
    public void TryShrink()
    {
        RingSegment? head = _head;
        if (head is null || !head.IsEmptyUnfrozen)
        {
            return;
        }

        bool large = head.Capacity > ShrinkAboveCapacity;
        if (large && head.ShrinkPatience < 0)
        {
            // It grew back since the last shrink: the bursts come back, so the next shrink waits longer.
            head.ShrinkPatience = Math.Min(-head.ShrinkPatience * 2, MaxQuietDrainsBeforeShrink);
        }

        bool quiet = large ? head.PeakBacklog * 4 < head.Capacity : head.PeakBacklog <= 1;
        head.PeakBacklog = 0;
        head.QuietDrains = quiet ? head.QuietDrains + 1 : 0;
        int patience = head.ShrinkPatience == 0 ? QuietDrainsBeforeShrink : Math.Abs(head.ShrinkPatience);
        if (head.QuietDrains < patience)
        {
            return;
        }

        head.QuietDrains = 0;
        if (large)
        {
            ShrinkToSmallRing(head, patience);
        }
        else
        {
            ReturnToInlineSlot(head);
        }
    }

    private void ShrinkToSmallRing(RingSegment head, int patience)
    {
        lock (head)
        {
            if (Volatile.Read(ref _tail) != head || !head.TryFreezeIfEmpty())
            {
                return;
            }

            var small = new RingSegment(InitialSegmentCapacity) { ShrinkPatience = -patience };
            Volatile.Write(ref head.Next, small);
            Volatile.Write(ref _tail, small);
        }

        Volatile.Write(ref _head, head.Next); // frozen while empty: nothing is left behind in it
    }

    private void ReturnToInlineSlot(RingSegment head)
    {
        lock (head) // the lock a producer that finds the ring frozen takes in Grow: it then sees the queue moved on
        {
            if (Volatile.Read(ref _tail) != head || !head.TryFreezeIfEmpty())
            {
                return;
            }

            // Producers now find no ring and a frozen slot, and wait the few instructions until it reopens; the slot
            // reopens at the position the consumer has reached, so its sequence says free.
            Volatile.Write(ref _head, null);
            Volatile.Write(ref _tail, null);
            Volatile.Write(ref _slotTail, (int)((uint)Volatile.Read(ref _slotSequence) >> 1));
        }
    }

    /// <summary>The inline slot is frozen and its last claimed item has been taken (<paramref name="sequence"/> is even).</summary>
    private bool InlineDrainedAfterFreeze(int sequence) =>
        2 * (Volatile.Read(ref _slotTail) - InlineFreezeOffset) == sequence;

    private void Grow(RingSegment full)
    {
        // Rare path: a full ring. Serialise growth on the ring itself so exactly one successor is linked; a ring the
        // consumer froze to give it back is no longer the tail, and the producer starts over.
        lock (full)
        {
            if (Volatile.Read(ref _tail) == full)
            {
                full.Freeze();
                var next = new RingSegment(Math.Min(full.Capacity * 2, MaxSegmentCapacity));
                Volatile.Write(ref full.Next, next);
                Volatile.Write(ref _tail, next);
            }
        }
    }
}

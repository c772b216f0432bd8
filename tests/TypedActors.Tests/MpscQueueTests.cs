using TypedActors.Mailbox;

namespace TypedActors.Tests;

public class MpscQueueTests
{
    private sealed class Holder
    {
        public MpscQueue Queue;
    }

    [Fact]
    public void An_empty_queue_has_nothing_and_messages_one_at_a_time_allocate_nothing()
    {
        var holder = new Holder();
        Assert.Equal(0, ProbeEmpty(ref holder.Queue, 1_000)); // warm-up: the measured loop runs compiled code
        Assert.Equal(0, OneAtATime(ref holder.Queue, 1_000));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = ProbeEmpty(ref holder.Queue, 100_000);
        int misses = OneAtATime(ref holder.Queue, 100_000);
        long used = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, found);
        Assert.Equal(0, misses);
        Assert.Equal(0, used);
        Assert.Equal(0, holder.Queue.HeadCapacity); // no ring: the messages passed through the inline slot

        before = GC.GetAllocatedBytesForCurrentThread();
        holder.Queue.Enqueue("first");
        holder.Queue.Enqueue("second"); // finds the slot occupied: the queue continues in a ring
        long backlog = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(backlog > 0, "a backlog of two allocates the first ring (and the measurement sees it)");
        Assert.Equal(MpscQueue.InitialSegmentCapacity, holder.Queue.HeadCapacity);
        Assert.Equal(2, holder.Queue.ApproximateCount);
        Assert.True(holder.Queue.TryDequeue(out object? first));
        Assert.True(holder.Queue.TryDequeue(out object? second));
        Assert.Equal(("first", "second"), ((string)first, (string)second));

        // What a turn does with a queue it finds empty; returns how many probes found something.
        static int ProbeEmpty(ref MpscQueue queue, int probes)
        {
            int found = 0;
            for (int i = 0; i < probes; i++)
            {
                if (queue.HasItems || queue.TryDequeue(out _) || queue.ApproximateCount != 0)
                {
                    found++;
                }

                queue.TryShrink();
            }

            return found;
        }

        // Sends and takes one message at a time, as a rally does; returns how often the queue did not hold exactly it.
        static int OneAtATime(ref MpscQueue queue, int messages)
        {
            object message = "one";
            int misses = 0;
            for (int i = 0; i < messages; i++)
            {
                queue.Enqueue(message);
                if (queue.ApproximateCount != 1 || !queue.TryDequeue(out object? taken) || taken != message)
                {
                    misses++;
                }

                queue.TryShrink();
            }

            return misses;
        }
    }

    [Fact]
    public void A_small_ring_gives_way_to_the_inline_slot_once_the_backlog_stays_at_one()
    {
        var holder = new Holder();
        holder.Queue.Enqueue(1);
        holder.Queue.Enqueue(2);
        Assert.Equal(MpscQueue.InitialSegmentCapacity, holder.Queue.HeadCapacity);
        Assert.True(holder.Queue.TryDequeue(out object? one));
        Assert.True(holder.Queue.TryDequeue(out object? two));
        Assert.Equal((1, 2), ((int)one, (int)two));

        holder.Queue.TryShrink(); // the drain after a backlog of two: not quiet
        for (int quiet = 1; quiet < MpscQueue.QuietDrainsBeforeShrink; quiet++)
        {
            holder.Queue.Enqueue(quiet);
            Assert.True(holder.Queue.TryDequeue(out _));
            holder.Queue.TryShrink();
            Assert.Equal(MpscQueue.InitialSegmentCapacity, holder.Queue.HeadCapacity); // kept while bursts may come back
        }

        holder.Queue.Enqueue("last quiet one");
        Assert.True(holder.Queue.TryDequeue(out _));
        holder.Queue.TryShrink();
        Assert.Equal(0, holder.Queue.HeadCapacity);

        for (int i = 0; i < 5; i++)
        {
            holder.Queue.Enqueue(i); // the reopened slot, then a new ring: order holds across the change
        }

        for (int i = 0; i < 5; i++)
        {
            Assert.True(holder.Queue.TryDequeue(out object? item));
            Assert.Equal(i, (int)item);
        }

        Assert.False(holder.Queue.HasItems);
    }

    [Fact]
    public void Items_come_out_in_order_across_segment_growth()
    {
        var holder = new Holder();
        const int count = 10_000; // far more than one segment: forces growth to the maximum and chaining
        for (int i = 0; i < count; i++)
        {
            holder.Queue.Enqueue(i);
        }

        for (int i = 0; i < count; i++)
        {
            Assert.True(holder.Queue.HasItems);
            Assert.True(holder.Queue.TryDequeue(out object? item));
            Assert.Equal(i, (int)item);
        }

        Assert.False(holder.Queue.HasItems);
    }

    [Fact]
    public void A_ring_that_never_fills_is_reused_forever()
    {
        var holder = new Holder();
        for (int i = 0; i < 100_000; i++)
        {
            holder.Queue.Enqueue(i);
            holder.Queue.Enqueue(-i);
            Assert.True(holder.Queue.TryDequeue(out object? a));
            Assert.True(holder.Queue.TryDequeue(out object? b));
            Assert.Equal(i, (int)a);
            Assert.Equal(-i, (int)b);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        object item = "steady";
        for (int i = 0; i < 10_000; i++)
        {
            holder.Queue.Enqueue(item);
            holder.Queue.TryDequeue(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_sustained_backlog_fits_one_reused_ring_and_a_calmed_down_ring_shrinks_back()
    {
        var holder = new Holder();
        for (int i = 0; i < 2_000; i++)
        {
            holder.Queue.Enqueue(i); // grows the ring to hold the backlog
        }

        object message = "steady";
        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(holder.Queue.TryDequeue(out _));
        }

        for (int i = 0; i < 1_000; i++)
        {
            holder.Queue.Enqueue(message); // the ring grows once more to hold the backlog
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 1_000; i++)
            {
                Assert.True(holder.Queue.TryDequeue(out _));
            }

            for (int i = 0; i < 1_000; i++)
            {
                holder.Queue.Enqueue(message); // a backlog between 1,000 and 2,000 items: no new segment
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2_000, holder.Queue.ApproximateCount);

        while (holder.Queue.TryDequeue(out _))
        {
        }

        holder.Queue.TryShrink();                          // the drain right after the burst: not quiet, kept
        Assert.True(holder.Queue.HeadCapacity > MpscQueue.ShrinkAboveCapacity);
        for (int quiet = 0; quiet < MpscQueue.QuietDrainsBeforeShrink; quiet++)
        {
            holder.Queue.TryShrink();                      // drains with (next to) nothing queued
        }

        for (int i = 0; i < 3; i++)
        {
            holder.Queue.Enqueue(i);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.True(holder.Queue.TryDequeue(out object? item));
            Assert.Equal(i, (int)item);
        }

        Assert.False(holder.Queue.TryDequeue(out _));
        Assert.Equal(0, holder.Queue.ApproximateCount);
        Assert.Equal(MpscQueue.InitialSegmentCapacity, holder.Queue.HeadCapacity); // the burst's large ring is gone
    }

    [Fact]
    public void A_ring_that_grows_back_after_a_shrink_waits_twice_as_long_before_the_next_one()
    {
        var holder = new Holder();
        Assert.Equal(MpscQueue.QuietDrainsBeforeShrink, holder.Queue.ShrinkPatience);

        int expected = MpscQueue.QuietDrainsBeforeShrink;
        for (int burst = 0; burst < 14; burst++) // enough doublings to reach the bound
        {
            Burst(ref holder.Queue, 1_000);
            Assert.Equal(expected, QuietDrainsUntilShrunk(ref holder.Queue));
            expected = Math.Min(expected * 2, MpscQueue.MaxQuietDrainsBeforeShrink);
        }

        Assert.Equal(MpscQueue.MaxQuietDrainsBeforeShrink, holder.Queue.ShrinkPatience); // the patience is bounded

        static void Burst(ref MpscQueue queue, int size)
        {
            for (int i = 0; i < size; i++)
            {
                queue.Enqueue(i);
            }

            while (queue.TryDequeue(out _))
            {
            }

            queue.TryShrink(); // the drain right after the burst: not quiet
        }

        static int QuietDrainsUntilShrunk(ref MpscQueue queue)
        {
            int drains = 0;
            while (queue.HeadCapacity > MpscQueue.ShrinkAboveCapacity)
            {
                queue.TryShrink();
                drains++;
            }

            return drains;
        }
    }

    [Fact]
    public async Task Shrinking_while_producers_race_loses_and_reorders_nothing()
    {
        var holder = new Holder();

        // The consumer shrinks whenever it finds the queue empty, as a turn does.
        int[] next = await DrainWhileProducing(holder, producers: 3, perProducer: 100_000, whenEmpty: () => holder.Queue.TryShrink());

        Assert.All(next, n => Assert.Equal(100_000, n));
    }

    [Fact]
    public async Task Moving_between_the_inline_slot_and_rings_while_producers_race_loses_and_reorders_nothing()
    {
        var holder = new Holder();

        // Two producers that each send in bursts of two, and a consumer that gives its ring back as soon as it may:
        // the queue keeps overflowing its inline slot and returning to it while producers write.
        int[] next = await DrainWhileProducing(holder, producers: 2, perProducer: 200_000, whenEmpty: () =>
        {
            for (int i = 0; i < MpscQueue.QuietDrainsBeforeShrink; i++)
            {
                holder.Queue.TryShrink();
            }
        });

        Assert.All(next, n => Assert.Equal(200_000, n));
        Assert.False(holder.Queue.HasItems);
    }

    [Fact]
    public async Task Concurrent_producers_keep_per_producer_order_while_a_consumer_drains()
    {
        var holder = new Holder();

        int[] next = await DrainWhileProducing(holder, producers: 4, perProducer: 200_000, whenEmpty: null);

        Assert.All(next, n => Assert.Equal(200_000, n));
        Assert.False(holder.Queue.HasItems);
    }

    /// <summary>
    /// Runs <paramref name="producers"/> writers of numbered items against one consumer that checks each producer's
    /// order as it takes them; returns how many items of each producer it took.
    /// </summary>
    private static async Task<int[]> DrainWhileProducing(Holder holder, int producers, int perProducer, Action? whenEmpty)
    {
        var next = new int[producers];
        int received = 0;
        var consumer = Task.Run(() =>
        {
            while (received < producers * perProducer)
            {
                if (holder.Queue.TryDequeue(out object? item))
                {
                    var (producer, sequence) = ((int, int))item;
                    Assert.Equal(next[producer], sequence);
                    next[producer]++;
                    received++;
                }
                else
                {
                    whenEmpty?.Invoke();
                }
            }
        });
        Task[] writers = [.. Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < perProducer; i++)
            {
                holder.Queue.Enqueue((p, i));
            }
        }))];

        await Task.WhenAll(writers).WaitAsync(Deadline.Default);
        await consumer.WaitAsync(Deadline.Default);
        return next;
    }
}

namespace TypedActors.Tests;

public class OrderingAndIsolationTests
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_send_order()
    {
        await using var system = new ActorSystem();
        ActorRef<Recorder> recorder = system.Spawn<Recorder>();
        for (int i = 0; i < 100_000; i++)
        {
            recorder.Tell(new Record(0, i));
        }

        Record[] records = await recorder.Ask(new GetRecords()).Within();
        Assert.Equal(Enumerable.Range(0, 100_000), records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Concurrent_senders_each_keep_their_order_and_nothing_is_lost()
    {
        await using var system = new ActorSystem();
        ActorRef<Recorder> recorder = system.Spawn<Recorder>();
        const int senders = 8, perSender = 20_000;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (int i = 0; i < perSender; i++)
            {
                recorder.Tell(new Record(s, i));
            }
        })));

        Record[] records = await recorder.Ask(new GetRecords()).Within();
        Assert.Equal(senders * perSender, records.Length);
        foreach (IGrouping<int, Record> bySender in records.GroupBy(r => r.Sender))
        {
            Assert.Equal(Enumerable.Range(0, perSender), bySender.Select(r => r.Sequence));
        }
    }

    [Fact]
    public async Task Eight_threads_times_100k_increments_lose_no_update()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn<Counter>();
        using var start = new Barrier(8);
        Thread[] threads = [.. Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 100_000; i++)
            {
                counter.Tell(new Increment());
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(Deadline.Default));
        }

        Assert.Equal(800_000, await counter.Ask(new GetCount()).Within());
    }

    [Fact]
    public async Task An_async_handler_never_overlaps_another_message_of_the_same_actor()
    {
        await using var system = new ActorSystem();
        ActorRef<Overlap> actor = system.Spawn<Overlap>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                actor.Tell(new SlowIncrement());
            }
        })));

        (int count, int maxConcurrency) = await actor.Ask(new GetMaxConcurrency()).Within();
        Assert.Equal(200, count);
        Assert.Equal(1, maxConcurrency);
    }

    [Fact]
    public async Task Many_actors_exchange_messages_concurrently_without_losses()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter>[] counters = [.. Enumerable.Range(0, 100).Select(_ => system.Spawn<Counter>())];
        Parallel.For(0, 100_000, i => counters[i % counters.Length].Tell(new Increment()));

        int[] counts = await Task.WhenAll(counters.Select(c => c.Ask(new GetCount()))).Within();
        Assert.All(counts, count => Assert.Equal(1_000, count));
    }
}

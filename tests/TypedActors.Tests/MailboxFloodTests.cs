namespace TypedActors.Tests;

/// <summary>A counter whose mailbox holds at most a thousand messages.</summary>
[Mailbox(Capacity = 1000)]
public partial class BoundedCounter : Actor
{
    private long _count;

    [Receive] void On(Increment _) => _count++;

    [Receive] long On(GetCount _) => _count;
}

/// <summary>The flood tests measure the whole process's heap: nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailboxFloodCollection
{
    public const string Name = "Mailbox floods";
}

/// <summary>Four producers flood one bounded actor: memory stays bounded and every message is accounted for.</summary>
[Collection(MailboxFloodCollection.Name)]
public class MailboxFloodTests
{
    private const int Producers = 4;
    private const int Sent = 10_000_000;
    private const int PerProducer = Sent / Producers;

    // A thousand queued messages take a few kilobytes; an unbounded mailbox flooded this way grows by hundreds of
    // megabytes. The figure leaves room for the runtime's own allocations and for what the test host allocates.
    private const long HeapGrowthLimit = 16 * 1024 * 1024;
    private static readonly TimeSpan FloodDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TellAsync_from_four_producers_keeps_the_heap_bounded_and_loses_nothing()
    {
        await using var system = new ActorSystem();
        ActorRef<BoundedCounter> counter = system.Spawn<BoundedCounter>();
        var increment = new Increment();

        long growth = await PeakHeapGrowthWhile(async () =>
        {
            Task[] producers = Enumerable.Range(0, Producers).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < PerProducer; i++)
                {
                    await counter.TellAsync(increment);
                }
            })).ToArray();
            await Task.WhenAll(producers).Within(FloodDeadline);
        });

        Assert.Equal(Sent, await AskWhenQueued(counter));
        Assert.Equal(0, system.DeadLetters.Count);
        Assert.True(growth < HeapGrowthLimit, $"the heap grew by {growth:N0} bytes during the flood");
    }

    [Fact]
    public async Task Tell_from_four_producers_counts_every_message_as_handled_or_as_a_MailboxFull_dead_letter()
    {
        await using var system = new ActorSystem();
        long full = 0, other = 0;
        using IDisposable subscription = system.DeadLetters.Subscribe(letter =>
        {
            if (letter.Reason == DeadLetterReason.MailboxFull && letter.Message is Increment)
            {
                Interlocked.Increment(ref full);
            }
            else
            {
                Interlocked.Increment(ref other);
            }
        });
        ActorRef<BoundedCounter> counter = system.Spawn<BoundedCounter>();
        var increment = new Increment();

        Task[] producers = Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                counter.Tell(increment);
            }
        })).ToArray();
        await Task.WhenAll(producers).Within(FloodDeadline);

        long refused = Interlocked.Read(ref full);
        long handled = await AskWhenQueued(counter);
        Assert.True(refused > 0, "four producers outrun one consumer: some sends find the mailbox full");
        Assert.Equal(Sent, handled + refused);
        Assert.Equal(0, Interlocked.Read(ref other));
    }

    /// <summary>Asks for the count, again if the ask finds the mailbox still full (it then fails at once).</summary>
    private static Task<long> AskWhenQueued(ActorRef<BoundedCounter> counter) =>
        Eventually.Holds(
            async () =>
            {
                try
                {
                    return await counter.Ask(new GetCount());
                }
                catch (MailboxFullException)
                {
                    return -1L;
                }
            },
            count => count >= 0,
            FloodDeadline);

    /// <summary>The largest growth of the managed heap seen while <paramref name="work"/> runs, sampled every millisecond.</summary>
    private static async Task<long> PeakHeapGrowthWhile(Func<Task> work)
    {
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var done = new CancellationTokenSource();
        Task sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(1, CancellationToken.None);
            }
        });

        await work();
        done.Cancel();
        await sampler;
        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false)) - baseline;
    }
}

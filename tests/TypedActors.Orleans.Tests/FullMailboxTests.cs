using System.Collections.Concurrent;

namespace TypedActors.Orleans.Tests;

public sealed record HoldUntilDown(ActorRef<Counter> Watched);

public sealed record Load(int N);

public sealed record GetLoads;

/// <summary>
/// Bounded to three queued user messages. <see cref="HoldUntilDown"/> keeps the actor in its handler until the watched
/// counter dies (a <see cref="Down"/> is a signal, so it reaches a full mailbox), so the loads sent meanwhile queue.
/// </summary>
[Mailbox(Capacity = Capacity)]
public partial class Throttled : Actor
{
    public const int Capacity = 3;

    private readonly List<int> _loads = [];

    [Receive]
    public async Task On(HoldUntilDown hold)
    {
        Monitor(hold.Watched);
        hold.Watched.Tell(new Increment(1)); // after the monitor from this sender: once counted, the Down will come
        await Receive<Down>(timeout: TimeSpan.FromSeconds(30));
    }

    [Receive]
    public void On(Load load) => _loads.Add(load.N);

    [Receive]
    public int[] On(GetLoads request) => [.. _loads];
}

/// <summary>A bounded mailbox on one silo, full, sent to from another silo: what is refused is counted where the actor lives.</summary>
public sealed class FullMailboxTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Remote_sends_to_a_full_mailbox_are_dead_lettered_where_the_actor_lives_and_a_remote_ask_fails()
    {
        const int refusedTells = 5;
        string name = "throttled-" + Guid.NewGuid().ToString("N");
        ActorRef<Throttled> onSilo1 = await fixture.Silo(1).SpawnOrGetAsync<Throttled>(name); // placed on silo 1
        ActorRef<Throttled> fromSilo0 = await fixture.Silo(0).SpawnOrGetAsync<Throttled>(name);
        ActorRef<Counter> watched = await fixture.Silo(0).SpawnAsync<Counter>();
        var refused = new ConcurrentQueue<DeadLetter>();
        using IDisposable atReceiver = fixture.Silo(1).LocalSystem.DeadLetters.Subscribe(
            new Collect(letter => letter is { Reason: DeadLetterReason.MailboxFull, Message: Load } ? refused : null));
        var atSender = new ConcurrentQueue<DeadLetter>();
        using IDisposable senderLetters = fixture.Silo(0).LocalSystem.DeadLetters.Subscribe(
            new Collect(letter => letter.Message is Load ? atSender : null));

        fromSilo0.Tell(new HoldUntilDown(watched));
        await Eventually.Holds(() => watched.Ask(new GetCount()), count => count == 1, Deadline); // held in its handler

        // One sender's deliveries arrive in order: the first three fill the mailbox, the rest find it full.
        for (int n = 1; n <= Throttled.Capacity + refusedTells; n++)
        {
            fromSilo0.Tell(new Load(n));
        }

        var full = await Assert.ThrowsAsync<MailboxFullException>(() => fromSilo0.Ask(new Load(100)).WaitAsync(Deadline));
        Assert.Equal(onSilo1.Address, full.Actor);
        Task told = fromSilo0.TellAsync(new Load(200)).AsTask();
        Assert.True(told.IsCompletedSuccessfully, "a TellAsync to another process leaves as a tell and does not wait for room");

        int expected = refusedTells + 2; // the tells, the ask and the TellAsync
        await Eventually.Holds(() => refused.Count >= expected, Deadline);

        watched.Kill(); // the Down releases the handler; the queued loads are handled in order
        int[] handled = await Eventually.Holds(() => LoadsOnceThereIsRoom(fromSilo0), loads => loads.Length == Throttled.Capacity, Deadline);

        Assert.Equal([1, 2, 3], handled);
        Assert.Equal(
            [.. Enumerable.Range(Throttled.Capacity + 1, refusedTells), 100, 200],
            refused.Select(l => ((Load)l.Message).N).Order());
        Assert.Empty(atSender); // refused where the actor lives, not by the sender's outbox
    }

    /// <summary>The loads handled, or none while the mailbox is still full (the Down may not have arrived yet).</summary>
    private static async Task<int[]> LoadsOnceThereIsRoom(ActorRef<Throttled> throttled)
    {
        try
        {
            return await throttled.Ask(new GetLoads());
        }
        catch (MailboxFullException)
        {
            return [];
        }
    }

    private sealed class Collect(Func<DeadLetter, ConcurrentQueue<DeadLetter>?> into) : IObserver<DeadLetter>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(DeadLetter value) => into(value)?.Enqueue(value);
    }
}

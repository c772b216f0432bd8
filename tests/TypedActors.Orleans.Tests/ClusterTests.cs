using TypedActors.Diagnostics;

namespace TypedActors.Orleans.Tests;

public sealed class ClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Tell_and_ask_reach_an_actor_on_another_silo_from_a_client_and_from_a_silo()
    {
        ActorRef<Counter> onSilo1 = await fixture.Silo(1).SpawnOrGetAsync<Counter>("shared-counter");
        ActorRef<Counter> fromClient = await fixture.Client.SpawnOrGetAsync<Counter>("shared-counter");
        ActorRef<Counter> fromSilo0 = await fixture.Silo(0).SpawnOrGetAsync<Counter>("shared-counter");

        onSilo1.Tell(new Increment(1));
        fromClient.Tell(new Increment(2));
        await fromSilo0.Ask(new Increment(3));

        Assert.Equal(6, await Eventually.Holds(() => fromClient.Ask(new GetCount()), count => count == 6));
        Assert.Equal(fromClient.Address, fromSilo0.Address);
        Assert.Equal(fromClient.Address.GetHashCode(), fromSilo0.Address.GetHashCode());
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order_across_silos_and_references_travel_inside_messages()
    {
        ActorRef<Recorder> sender = await fixture.Silo(0).SpawnAsync<Recorder>();
        ActorRef<Recorder> receiver = await fixture.Silo(1).SpawnAsync<Recorder>();
        ActorRef<Recorder> fromTest = await fixture.Client.SpawnAsync<Recorder>();
        const int count = 300;

        sender.Tell(new SendSeqs(receiver, count)); // the reference crosses from the client to silo 0
        for (int i = 0; i < count; i++)
        {
            fromTest.Tell(new Seq(i));
        }

        int[] actorToActor = await Eventually.Holds(() => receiver.Ask(new GetSeqs()), seen => seen.Length == count);
        int[] clientToActor = await Eventually.Holds(() => fromTest.Ask(new GetSeqs()), seen => seen.Length == count);
        Assert.Equal(Enumerable.Range(0, count), actorToActor);
        Assert.Equal(Enumerable.Range(0, count), clientToActor);
    }

    [Fact]
    public async Task Many_tells_and_asks_in_flight_at_once_keep_their_order_and_each_ask_gets_its_own_answer()
    {
        // Sent without waiting, so most leave coalesced in batches: every ask must see exactly the tells sent before it.
        await fixture.Silo(1).SpawnOrGetAsync<Recorder>("busy-recorder");
        ActorRef<Recorder> fromSilo0 = await fixture.Silo(0).SpawnOrGetAsync<Recorder>("busy-recorder");
        ActorRef<Recorder> fromClient = await fixture.Client.SpawnOrGetAsync<Recorder>("busy-recorder");
        const int rounds = 60;
        var asks = new List<(int TellsBefore, Task<int[]> Seen)>();

        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < 5; i++)
            {
                fromSilo0.Tell(new Seq(round * 5 + i));
            }

            asks.Add(((round + 1) * 5, fromSilo0.Ask(new GetSeqs())));
        }

        int[][] answers = await Task.WhenAll(asks.Select(a => a.Seen)).WaitAsync(Deadline);
        for (int i = 0; i < asks.Count; i++)
        {
            Assert.Equal(Enumerable.Range(0, asks[i].TellsBefore), answers[i]);
        }

        int[] seenFromClient = await fromClient.Ask(new GetSeqs()).WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(0, rounds * 5), seenFromClient);
    }

    [Fact]
    public async Task An_answer_in_a_batch_does_not_wait_for_a_later_ask_that_the_actor_cannot_answer_yet()
    {
        ActorRef<Gate> gate = await fixture.Client.SpawnAsync<Gate>();

        // Sent without waiting, so the asks after the first leave together: Wait is answered only once Open arrives,
        // and Open is sent only after the noise count has come back.
        Task<int[]> first = gate.Ask(new GetNoise());
        Task<int[]> second = gate.Ask(new GetNoise());
        Task<string> waiting = gate.Ask(new Wait());

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5)); // Wait's receive would time out at 10 s
        gate.Tell(new Open("go"));

        Assert.Equal("go after 0 noise", await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_remote_actor_never_shares_an_object_with_its_sender()
    {
        ActorRef<Keeper> keeper = await fixture.Silo(1).SpawnAsync<Keeper>();
        var basket = new Basket(["pen"]);

        int countSeenByKeeper = await keeper.Ask(new Mutate(basket));
        Basket reply = await keeper.Ask(new GetKept());
        reply.Items.Add("added by client");
        Basket again = await keeper.Ask(new GetKept());

        Assert.Equal(2, countSeenByKeeper);
        Assert.Equal(["pen"], basket.Items);
        Assert.Equal(["pen", "added by keeper"], again.Items);
    }

    [Fact]
    public async Task Selective_receive_in_a_clustered_actor_keeps_other_messages_queued_in_order()
    {
        ActorRef<Gate> gate = await fixture.Silo(1).SpawnAsync<Gate>();

        Task<string> waiting = gate.Ask(new Wait());
        gate.Tell(new Noise(1));
        gate.Tell(new Noise(2));
        gate.Tell(new Open("go"));

        Assert.Equal("go after 0 noise", await waiting.WaitAsync(Deadline));
        int[] noise = await gate.Ask(new GetNoise());
        Assert.Equal([1, 2], noise);
    }

    [Fact]
    public async Task Ask_across_silos_honours_its_timeout()
    {
        ActorRef<Gate> gate = await fixture.Silo(1).SpawnAsync<Gate>();

        await Assert.ThrowsAsync<TimeoutException>(() => gate.Ask(new Wait(), TimeSpan.FromMilliseconds(200)));
        gate.Tell(new Open("release"));
    }

    [Fact]
    public async Task Failures_cross_as_typed_exceptions()
    {
        ActorRef<Fragile> fragile = await fixture.Silo(1).SpawnAsync<Fragile>();
        ActorRef<Counter> counter = await fixture.Silo(1).SpawnAsync<Counter>();

        Task<ExitReason> completion = fragile.Completion; // a monitor set up while it lives: Down carries the reason
        var failed = await Assert.ThrowsAsync<RemoteActorException>(() => fragile.Ask(new Fail("disk on fire")));
        var unhandled = await Assert.ThrowsAsync<UnhandledMessageException>(() => counter.Address.Ask<int>(new Seq(1)));

        Assert.Equal(typeof(InvalidOperationException).FullName, failed.ExceptionType);
        Assert.Equal("disk on fire", failed.RemoteMessage);
        Assert.Equal(typeof(Seq), unhandled.MessageType);
        ExitReason reason = await completion.WaitAsync(Deadline);
        Assert.Equal("failed: System.InvalidOperationException: disk on fire", reason.ToString());
    }

    [Fact]
    public async Task A_process_keeps_serving_its_local_actors_after_a_full_garbage_collection()
    {
        // A client's own actors are reached through its node endpoint, an Orleans observer, which Orleans holds weakly.
        ActorRef<Counter> local = fixture.Client.LocalSystem.Spawn<Counter>();
        ActorRef<Watcher> watcher = await fixture.Client.SpawnAsync<Watcher>();
        await watcher.Ask(new Watch(local, Link: false)).WaitAsync(Deadline); // the watcher asks the counter through the endpoint

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        await watcher.Ask(new Watch(local, Link: false)).WaitAsync(Deadline);
    }

    [Fact]
    public async Task An_ask_taken_by_a_selective_receive_fails_with_RequestNotAnsweredException_across_silos()
    {
        ActorRef<Gate> gate = await fixture.Silo(1).SpawnAsync<Gate>();
        Task<string> waiting = gate.Ask(new Wait());

        // Sent after Wait by the same sender: the waiting handler's Receive<Open> takes it, so nothing answers the ask.
        var notAnswered = await Assert.ThrowsAsync<RequestNotAnsweredException>(() => gate.Ask(new Open("asked")).WaitAsync(Deadline));

        Assert.Equal(typeof(Open), notAnswered.MessageType);
        Assert.Equal("asked after 0 noise", await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Kill_terminates_the_remote_actor_and_later_messages_are_dead_letters()
    {
        ActorRef<Counter> counter = await fixture.Silo(1).SpawnAsync<Counter>();
        await counter.Ask(new Increment(1));
        DeadLetters deadLetters = fixture.Silo(1).LocalSystem.DeadLetters; // the system whose reference sends
        var recipients = new List<DeadLetter>();
        using IDisposable subscription = deadLetters.Subscribe(new Collect(recipients));

        counter.Kill();

        Assert.Equal(ExitReason.Killed, await counter.Completion.WaitAsync(Deadline));
        await Assert.ThrowsAsync<DeadActorException>(() => counter.Ask(new GetCount()));
        counter.Tell(new Increment(1));
        await Eventually.Holds(
            () => Task.FromResult(Snapshot(recipients)),
            letters => letters.Any(l => l.Message is Increment && l.Recipient == counter.Address && l.Reason == DeadLetterReason.RecipientDead));
    }

    [Fact]
    public async Task A_stale_reference_dead_letters_instead_of_reactivating_a_fresh_actor()
    {
        ActorRef<Counter> counter = await fixture.Silo(1).SpawnAsync<Counter>();
        ActorRef<Watcher> holder = await fixture.Silo(0).SpawnAsync<Watcher>();
        await counter.Ask(new Increment(5));
        await holder.Ask(new Forward(counter)); // silo 0 now holds its own reference
        Assert.Equal("count 5", await holder.Ask(new AskThrough()));

        counter.Kill();
        await counter.Completion.WaitAsync(Deadline);

        // Asked through a reference of silo 0 that never saw the kill: first the tombstone answers with the real reason;
        // once the grain is gone, a call reaches a fresh activation, which refuses to host a new actor.
        Assert.Equal("dead killed", await holder.Ask(new AskThrough()));
        await Eventually.Holds(
            async () =>
            {
                await holder.Ask(new Forward(counter)); // a new reference each time: it has not learned of the death
                return await holder.Ask(new AskThrough());
            },
            answer => answer == "dead noproc");

    }

    [Fact]
    public async Task Monitors_and_links_across_silos_deliver_Down_and_Exited_with_the_reason()
    {
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnAsync<Watcher>();
        ActorRef<Counter> monitored = await fixture.Silo(1).SpawnAsync<Counter>();
        ActorRef<Fragile> linked = await fixture.Silo(1).SpawnAsync<Fragile>();
        await watcher.Ask(new Watch(monitored, Link: false));
        await watcher.Ask(new Watch(linked, Link: true));
        await Eventually.Holds(() => linked.Ask(new GetCount()), one => one == 1); // the link signal has landed

        monitored.Kill();
        linked.Tell(new Fail("boom"));

        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length == 2);
        Assert.Contains($"down {monitored.Address.Id} killed", events);
        Assert.Contains($"exit {linked.Address.Id} failed: System.InvalidOperationException: boom", events);
    }

    [Fact]
    public async Task Spawning_an_unregistered_class_fails_with_a_clear_exception()
    {
        var exception = await Assert.ThrowsAsync<ActorCreationException>(() => fixture.Client.SpawnAsync<Unregistered>());
        Assert.Contains("Register<Unregistered>", exception.Message);
    }

    private static List<DeadLetter> Snapshot(List<DeadLetter> letters)
    {
        lock (letters)
        {
            return [.. letters];
        }
    }

    private sealed class Collect(List<DeadLetter> into) : IObserver<DeadLetter>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(DeadLetter value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}

public partial class Unregistered : Actor
{
    [Receive]
    public void On(Increment increment)
    {
    }
}

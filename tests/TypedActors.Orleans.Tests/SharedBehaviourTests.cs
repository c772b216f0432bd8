namespace TypedActors.Orleans.Tests;

/// <summary>
/// Behaviour the clustered runtime must share with the local one, written once and run against both backends:
/// <see cref="LocalBehaviourTests"/> (a local <see cref="ActorSystem"/>) and <see cref="ClusterBehaviourTests"/> (actors
/// spawned into a two-silo cluster from an Orleans client, so every message crosses the network).
/// </summary>
public abstract class SharedBehaviourTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Spawns an actor on the backend under test.</summary>
    protected abstract Task<ActorRef<TActor>> SpawnAsync<TActor>()
        where TActor : Actor, IActorFactory<TActor>;

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_send_order()
    {
        ActorRef<Recorder> recorder = await SpawnAsync<Recorder>();
        for (int i = 0; i < 300; i++)
        {
            recorder.Tell(new Seq(i));
        }

        int[] seen = await Eventually.Holds(() => recorder.Ask(new GetSeqs()), s => s.Length == 300, Deadline);
        Assert.Equal(Enumerable.Range(0, 300), seen);
    }

    [Fact]
    public async Task Messages_and_replies_are_copies_the_other_side_cannot_change()
    {
        ActorRef<Keeper> keeper = await SpawnAsync<Keeper>();
        var basket = new Basket(["mine"]);

        int count = await keeper.Ask(new Mutate(basket)).WaitAsync(Deadline);
        basket.Items.Add("added after sending");

        Assert.Equal(2, count);                                    // the keeper changed its own copy...
        Assert.Equal(["mine", "added after sending"], basket.Items);  // ...never the sender's
        Basket kept = await keeper.Ask(new GetKept()).WaitAsync(Deadline);
        Assert.Equal(["mine", "added by keeper"], kept.Items);      // and the sender's later change never reached it
        kept.Items.Clear();
        Assert.Equal(2, (await keeper.Ask(new GetKept()).WaitAsync(Deadline)).Items.Count); // the reply was a copy too
    }

    [Fact]
    public async Task Selective_receive_takes_the_match_and_leaves_the_rest_queued_in_order()
    {
        ActorRef<Gate> gate = await SpawnAsync<Gate>();
        Task<string> waiting = gate.Ask(new Wait(), TimeSpan.FromSeconds(15));
        gate.Tell(new Noise(1));
        gate.Tell(new Noise(2));
        gate.Tell(new Open("go"));

        Assert.Equal("go after 0 noise", await waiting.WaitAsync(Deadline));
        int[] noise = await gate.Ask(new GetNoise()).WaitAsync(Deadline);
        Assert.Equal(new[] { 1, 2 }, noise);
    }

    [Fact]
    public async Task A_handler_exception_faults_the_ask_and_the_actor_dies()
    {
        ActorRef<Fragile> fragile = await SpawnAsync<Fragile>();
        Exception failure = await Assert.ThrowsAnyAsync<Exception>(() => fragile.Ask(new Fail("disk on fire")).WaitAsync(Deadline));
        Assert.Contains("disk on fire", failure.Message);

        await Eventually.Holds(() => AskFailsWithDeadActor(fragile), dead => dead, Deadline);
    }

    [Theory]
    [InlineData(false, "down")]  // a monitor
    [InlineData(true, "exit")]   // a link, with the watcher trapping exits
    public async Task Kill_ends_the_actor_and_a_watcher_hears_killed_exactly_once(bool link, string kind)
    {
        ActorRef<Counter> counter = await SpawnAsync<Counter>();
        ActorRef<Watcher> watcher = await SpawnAsync<Watcher>();
        await watcher.Ask(new Watch(counter, link)).WaitAsync(Deadline);

        counter.Kill();

        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length >= 1, Deadline);
        Assert.Single(events);
        Assert.StartsWith(kind + " ", events[0], StringComparison.Ordinal);
        Assert.EndsWith("killed", events[0], StringComparison.Ordinal);
        Assert.False(watcher.IsDead); // trapping: the exit became a message
        await Eventually.Holds(() => AskFailsWithDeadActor(counter), dead => dead, Deadline);
    }

    private static async Task<bool> AskFailsWithDeadActor<TActor>(ActorRef<TActor> actor)
        where TActor : Actor
    {
        try
        {
            await actor.Address.Ask<int>(new GetCount(), TimeSpan.FromSeconds(5));
            return false;
        }
        catch (DeadActorException)
        {
            return true;
        }
    }
}

/// <summary>The shared behaviour on a local actor system.</summary>
public sealed class LocalBehaviourTests : SharedBehaviourTests, IAsyncLifetime
{
    private readonly ActorSystem _system = new();

    protected override Task<ActorRef<TActor>> SpawnAsync<TActor>() => Task.FromResult(_system.Spawn<TActor>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.DisposeAsync();
}

/// <summary>The shared behaviour on the cluster: actors spawned from the Orleans client onto the silos.</summary>
public sealed class ClusterBehaviourTests(ClusterFixture fixture) : SharedBehaviourTests, IClassFixture<ClusterFixture>
{
    protected override Task<ActorRef<TActor>> SpawnAsync<TActor>() => fixture.Client.SpawnAsync<TActor>();
}

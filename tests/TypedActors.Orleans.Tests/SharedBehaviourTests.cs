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

        Exception? failure = await Record.ExceptionAsync(() => fragile.Ask(new Fail("disk on fire")).WaitAsync(Deadline));

        AssertHandlerFailure(failure, typeof(InvalidOperationException), "disk on fire");
        await Eventually.Holds(() => AskFailsWithDeadActor(fragile), dead => dead, Deadline);
    }

    [Fact]
    public async Task Kill_ends_the_actor_and_its_monitor_and_trapping_link_each_hear_killed_exactly_once()
    {
        ActorRef<Counter> counter = await SpawnAsync<Counter>();
        ActorRef<Watcher> watcher = await SpawnAsync<Watcher>();
        await watcher.Ask(new Watch(counter, Link: false)).WaitAsync(Deadline);
        await watcher.Ask(new Watch(counter, Link: true)).WaitAsync(Deadline);

        counter.Kill();

        // A dying actor sends Down to its monitors, then the exit signal to its links, in that order and along one
        // ordered path: once the exit is here, so is every Down it sent, a duplicate included.
        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Any(IsExit), Deadline);
        Assert.Equal([$"down {counter.Address.Id} killed", $"exit {counter.Address.Id} killed"], events);
        Assert.False(watcher.IsDead); // trapping: the exit became a message
        await Eventually.Holds(() => AskFailsWithDeadActor(counter), dead => dead, Deadline);

        static bool IsExit(string e) => e.StartsWith("exit ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts that an ask of a handler that threw <paramref name="type"/> with <paramref name="message"/> failed with
    /// the exception this backend reports for it.
    /// </summary>
    protected abstract void AssertHandlerFailure(Exception? failure, Type type, string message);

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

    /// <summary>Locally the asker gets the handler's own exception.</summary>
    protected override void AssertHandlerFailure(Exception? failure, Type type, string message)
    {
        Assert.NotNull(failure);
        Assert.IsType(type, failure);
        Assert.Equal(message, failure.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.DisposeAsync();
}

/// <summary>The shared behaviour on the cluster: actors spawned from the Orleans client onto the silos.</summary>
public sealed class ClusterBehaviourTests(ClusterFixture fixture) : SharedBehaviourTests, IClassFixture<ClusterFixture>
{
    protected override Task<ActorRef<TActor>> SpawnAsync<TActor>() => fixture.Client.SpawnAsync<TActor>();

    /// <summary>Across processes the exception itself cannot travel: the asker gets its type name and message.</summary>
    protected override void AssertHandlerFailure(Exception? failure, Type type, string message)
    {
        var remote = Assert.IsType<RemoteActorException>(failure);
        Assert.Equal(type.FullName, remote.ExceptionType);
        Assert.Equal(message, remote.RemoteMessage);
    }
}

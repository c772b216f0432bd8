using System.Diagnostics;

namespace TypedActors.Orleans.Tests;

/// <summary>Its own cluster: this test kills a silo.</summary>
public sealed class SiloLossFixture : FastSiloLossFixture;

public sealed class SiloLossTests(SiloLossFixture fixture) : IClassFixture<SiloLossFixture>
{
    [Fact]
    public async Task Losing_a_silo_delivers_Down_and_Exited_with_noconnection_once_membership_declares_it_dead()
    {
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnAsync<Watcher>();
        ActorRef<Counter> monitored = await fixture.Silo(1).SpawnAsync<Counter>();
        ActorRef<Fragile> linked = await fixture.Silo(1).SpawnAsync<Fragile>();

        // Two references on silo 0 to actors of silo 1 with no link or monitor: one from a spawn, which names the silo;
        // one read from a message, whose silo is looked up after its first answer.
        await fixture.Silo(1).SpawnOrGetAsync<Counter>("spawned-on-silo-1");
        ActorRef<Counter> spawned = await fixture.Silo(0).SpawnOrGetAsync<Counter>("spawned-on-silo-1");
        ActorRef<Counter> stored = await fixture.Silo(1).SpawnAsync<Counter>();
        await watcher.Ask(new Forward(stored));
        Assert.Equal("count 0", await watcher.Ask(new AskThrough()));
        ClusterNode silo0 = ClusterFixture.NodeOf(fixture.Cluster.Silos[0]);
        await Eventually.Holds(() => silo0.Hosts.HostOf(ClusterFixture.ClusterKeyOf(stored.Address)) is not null);

        await SiloLoss.KillSilo1AndExpectNoConnection(fixture, watcher, monitored, linked);

        // The loss is final for both at once: no ask becomes a grain call that waits for Orleans to place the grain anew.
        Assert.True(spawned.IsDead);
        Assert.Equal(ExitReason.NoConnection, await spawned.Completion.Within());
        var asking = Stopwatch.StartNew();
        DeadActorException dead = await Assert.ThrowsAsync<DeadActorException>(() => spawned.Ask(new GetCount()).Within());
        Assert.Equal(ExitReason.NoConnection, dead.Reason);
        Assert.Equal("dead noconnection", await watcher.Ask(new AskThrough()).Within());
        Assert.True(asking.Elapsed < TimeSpan.FromSeconds(1), $"The asks took {asking.Elapsed.TotalMilliseconds:F0} ms to fail.");
    }
}

/// <summary>Its own cluster: this test kills a silo too.</summary>
public sealed class SiloLossSeenByClientFixture : FastSiloLossFixture;

/// <summary>A client does not follow membership: its prober reads the membership table for the silos it relates to.</summary>
public sealed class SiloLossSeenByClientTests(SiloLossSeenByClientFixture fixture) : IClassFixture<SiloLossSeenByClientFixture>
{
    [Fact]
    public async Task Losing_a_silo_delivers_Down_and_Exited_with_noconnection_to_actors_of_a_client()
    {
        await fixture.Silo(1).SpawnOrGetAsync<Counter>("monitored-from-a-client"); // placed on silo 1
        await fixture.Silo(1).SpawnOrGetAsync<Fragile>("linked-from-a-client");
        ActorRef<Counter> monitored = await fixture.Client.SpawnOrGetAsync<Counter>("monitored-from-a-client");
        ActorRef<Fragile> linked = await fixture.Client.SpawnOrGetAsync<Fragile>("linked-from-a-client");
        ActorRef<Watcher> watcher = fixture.Client.LocalSystem.Spawn<Watcher>(); // lives in the client process
        await SiloLoss.KillSilo1AndExpectNoConnection(fixture, watcher, monitored, linked);
    }
}

/// <summary>What both silo-loss tests check once their watcher relates to actors on silo 1.</summary>
internal static class SiloLoss
{
    public static async Task KillSilo1AndExpectNoConnection(
        ClusterFixture fixture, ActorRef<Watcher> watcher, ActorRef<Counter> monitored, ActorRef<Fragile> linked)
    {
        await watcher.Ask(new Watch(monitored, Link: false));
        await watcher.Ask(new Watch(linked, Link: true));

        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[1]);

        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length == 2, TimeSpan.FromSeconds(45));
        Assert.Contains($"down {monitored.Address.Id} noconnection", events);
        Assert.Contains($"exit {linked.Address.Id} noconnection", events);
    }
}

namespace TypedActors.Orleans.Tests;

/// <summary>Its own cluster: this test kills a silo.</summary>
public sealed class SiloLossFixture : ClusterFixture;

public sealed class SiloLossTests(SiloLossFixture fixture) : IClassFixture<SiloLossFixture>
{
    [Fact]
    public async Task Losing_a_silo_delivers_Down_and_Exited_with_noconnection_once_membership_declares_it_dead()
    {
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnAsync<Watcher>();
        ActorRef<Counter> monitored = await fixture.Silo(1).SpawnAsync<Counter>();
        ActorRef<Fragile> linked = await fixture.Silo(1).SpawnAsync<Fragile>();
        await watcher.Ask(new Watch(monitored, Link: false));
        await watcher.Ask(new Watch(linked, Link: true));

        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[1]);

        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length == 2, TimeSpan.FromSeconds(45));
        Assert.Contains($"down {monitored.Address.Id} noconnection", events);
        Assert.Contains($"exit {linked.Address.Id} noconnection", events);
    }
}

using Orleans.TestingHost;

namespace TypedActors.Orleans.Tests;

/// <summary>Its own cluster: this test kills a silo and starts it again.</summary>
public sealed class SiloRestartFixture : FastSiloLossFixture;

/// <summary>
/// A silo that crashes and comes back under the same name and endpoint is a new incarnation: the actors of the old one
/// are gone for good (their watchers hear noconnection, references to them stay dead), and the new one serves actors
/// in both directions like any member.
/// </summary>
public sealed class SiloRestartTests(SiloRestartFixture fixture) : IClassFixture<SiloRestartFixture>
{
    private static readonly TimeSpan LossDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_killed_silo_that_restarts_rejoins_and_references_to_its_old_actors_stay_dead()
    {
        SiloHandle secondary = fixture.Cluster.Silos[1];
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnAsync<Watcher>();
        ActorRef<Counter> old = await ClusterFixture.ActorsOf(secondary).SpawnAsync<Counter>();
        await old.Ask(new Increment(5));
        await watcher.Ask(new Watch(old, Link: false));
        await watcher.Ask(new Watch(old, Link: true));
        await watcher.Ask(new Forward(old)); // silo 0 keeps a reference of its own
        Assert.Equal("count 5", await watcher.Ask(new AskThrough()));

        await fixture.Cluster.KillSiloAsync(secondary);
        // The same instance number: the same name and endpoint. Not in the cluster's list, so this test stops it.
        SiloHandle restarted = await fixture.Cluster.StartSiloAsync(secondary.InstanceNumber, fixture.Cluster.Options);
        try
        {
            await ServesAsTheNewIncarnation(secondary, restarted, watcher, old);
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(restarted);
        }
    }

    private async Task ServesAsTheNewIncarnation(SiloHandle secondary, SiloHandle restarted, ActorRef<Watcher> watcher, ActorRef<Counter> old)
    {
        Assert.Equal(secondary.SiloAddress.Endpoint, restarted.SiloAddress.Endpoint);
        Assert.NotEqual(secondary.SiloAddress, restarted.SiloAddress); // same endpoint, a new generation
        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length >= 2, LossDeadline);
        string[] lost = [$"down {old.Address.Id} noconnection", $"exit {old.Address.Id} noconnection"];
        Assert.Equal(lost, events.Order(StringComparer.Ordinal)); // ended together, in no particular order

        // Silo 0's reference must not reach an actor of the new incarnation (a fresh counter would answer "count 0"):
        // it learned its actor's silo from the link and monitor, so that silo's death made it dead (noconnection)
        // before the relations ended, without asking the grain (which, activated afresh, would answer noproc).
        Assert.Equal("dead noconnection", await watcher.Ask(new AskThrough()).Within());

        // The new incarnation hosts actors that silo 0 and the client reach, and its actors reach silo 0's.
        ClusterActorSystem rejoined = ClusterFixture.ActorsOf(restarted);
        ActorRef<Counter> fresh = await rejoined.SpawnOrGetAsync<Counter>("born-after-the-restart");
        await (await fixture.Silo(0).SpawnOrGetAsync<Counter>("born-after-the-restart")).Ask(new Increment(2));
        await (await fixture.Client.SpawnOrGetAsync<Counter>("born-after-the-restart")).Ask(new Increment(3));
        Assert.Equal(5, await fresh.Ask(new GetCount()));

        ActorRef<Recorder> onSilo0 = await fixture.Silo(0).SpawnAsync<Recorder>();
        ActorRef<Recorder> sender = await rejoined.SpawnAsync<Recorder>();
        sender.Tell(new SendSeqs(onSilo0, 50));
        Assert.Equal(Enumerable.Range(0, 50), await Eventually.Holds(() => onSilo0.Ask(new GetSeqs()), s => s.Length == 50));

        // Relations with the new incarnation's actors work as with any other: a kill there is heard on silo 0.
        await watcher.Ask(new Watch(fresh, Link: false));
        fresh.Kill();
        string[] later = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length >= 3);
        Assert.Equal([.. events, $"down {fresh.Address.Id} killed"], later); // and the old actor was not reported again
    }
}

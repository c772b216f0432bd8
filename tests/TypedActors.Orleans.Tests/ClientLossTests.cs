using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace TypedActors.Orleans.Tests;

/// <summary>Its own cluster, over TCP: these tests start and stop extra clients.</summary>
public sealed class ClientLossFixture : ClusterFixture
{
    protected override void Configure(TestClusterBuilder builder) =>
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
}

/// <summary>
/// Actors that live in an Orleans client (spawned with the client's local actor system) are linked to and monitored by
/// silo actors; the silos probe the client and end those relations with noconnection when it goes away.
/// </summary>
public sealed class ClientLossTests(ClientLossFixture fixture) : IClassFixture<ClientLossFixture>
{
    private static readonly TimeSpan LossDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Losing_a_client_delivers_Down_and_Exited_with_noconnection_to_silo_actors_watching_its_actors()
    {
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnOrGetAsync<Watcher>("watches-a-lost-client");
        IHost client = await fixture.StartExtraClientAsync("lost-client");
        try
        {
            ClusterActorSystem clientActors = client.Services.GetRequiredService<ClusterActorSystem>();
            ActorRef<Counter> monitored = clientActors.LocalSystem.Spawn<Counter>();
            ActorRef<Fragile> linked = clientActors.LocalSystem.Spawn<Fragile>();

            // Told through the client, so the references leave it as addresses served by its node endpoint.
            ActorRef<Watcher> watcherFromClient = await clientActors.SpawnOrGetAsync<Watcher>("watches-a-lost-client");
            await watcherFromClient.Ask(new Watch(monitored.Address, Link: false));
            await watcherFromClient.Ask(new Watch(linked.Address, Link: true));
        }
        finally
        {
            await client.StopAsync().WaitAsync(LossDeadline);
            client.Dispose();
        }

        string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length >= 2, LossDeadline);
        Assert.Equal(2, events.Length);
        Assert.Single(events, e => e.StartsWith("down ", StringComparison.Ordinal) && e.EndsWith(" noconnection", StringComparison.Ordinal));
        Assert.Single(events, e => e.StartsWith("exit ", StringComparison.Ordinal) && e.EndsWith(" noconnection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_healthy_client_is_not_declared_lost_while_it_keeps_answering_probes()
    {
        ActorRef<Watcher> watcher = await fixture.Silo(0).SpawnOrGetAsync<Watcher>("watches-a-healthy-client");
        IHost client = await fixture.StartExtraClientAsync("healthy-client");
        try
        {
            ClusterActorSystem clientActors = client.Services.GetRequiredService<ClusterActorSystem>();
            ActorRef<Counter> monitored = clientActors.LocalSystem.Spawn<Counter>();
            ActorRef<Watcher> watcherFromClient = await clientActors.SpawnOrGetAsync<Watcher>("watches-a-healthy-client");
            await watcherFromClient.Ask(new Watch(monitored.Address, Link: false));

            // Ten probe rounds (100 ms apart) answered while the monitor stands.
            AnsweredProbes probes = fixture.AnsweredProbes(0);
            long before = probes.Count;
            await Eventually.Holds(() => Task.FromResult(probes.Count), count => count >= before + 10, LossDeadline);
            Assert.Empty(await watcher.Ask(new GetExits()));

            // The monitor is still in place: the actor's own end arrives, with its real reason.
            monitored.Stop();
            string[] events = await Eventually.Holds(() => watcher.Ask(new GetExits()), e => e.Length >= 1, LossDeadline);
            string down = Assert.Single(events);
            Assert.StartsWith("down ", down, StringComparison.Ordinal);
            Assert.EndsWith(" normal", down, StringComparison.Ordinal);
        }
        finally
        {
            await client.StopAsync().WaitAsync(LossDeadline);
            client.Dispose();
        }
    }
}

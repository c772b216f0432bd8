namespace TypedActors.Orleans.Tests;

/// <summary>
/// A closed generic actor (<c>Cache&lt;string, int&gt;</c>) on the cluster: registered, placed and reached by id like
/// any kind, its generic messages serialized as their closed types across silos.
/// </summary>
public sealed class GenericActorClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Tell_and_ask_reach_a_closed_generic_actor_on_another_silo_from_a_client_and_from_a_silo()
    {
        ActorRef<Cache<string, int>> onSilo1 = await fixture.Silo(1).SpawnOrGetAsync<Cache<string, int>>("shared-cache");
        ActorRef<Cache<string, int>> fromSilo0 = await fixture.Silo(0).SpawnOrGetAsync<Cache<string, int>>("shared-cache");
        ActorRef<Cache<string, int>> fromClient = await fixture.Client.SpawnOrGetAsync<Cache<string, int>>("shared-cache");

        onSilo1.Tell(new Put<string, int>("local", 1));
        fromSilo0.Tell(new Put<string, int>("silo", 2));
        await fromClient.Ask(new Put<string, int>("client", 3)).WaitAsync(Deadline);

        // The client's put is answered once handled, so any later ask sees it; the other senders' tells are not ordered
        // with the client's messages, so theirs are awaited.
        Assert.Equal(fromClient.Address, fromSilo0.Address);
        Assert.Equal(3, await fromSilo0.Ask(new Get<string>("client")).WaitAsync(Deadline));
        Assert.Equal(2, await Eventually.Holds(() => fromClient.Ask(new Get<string>("silo")), value => value == 2));
        Assert.Equal(1, await Eventually.Holds(() => fromSilo0.Ask(new Get<string>("local")), value => value == 1));
        Assert.Equal(0, await fromClient.Ask(new Get<string>("missing")).WaitAsync(Deadline));
    }
}

using System.Net;
using TypedActors.Introspection;

namespace TypedActors.Http.Tests;

public sealed record Hold;
public sealed record Drop(int N);
public sealed record CountDrops;

/// <summary>An actor with room for two queued messages, and a message that keeps it busy until it is killed.</summary>
[Mailbox(Capacity = 2)]
public partial class Inbox : Actor
{
    [State] private int _drops;

    [Receive]
    async Task On(Hold _, CancellationToken cancellationToken) => await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

    [Receive] void On(Drop _) => _drops++;

    [Receive] int On(CountDrops _) => _drops;
}

public sealed class BackpressureTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task A_POST_to_a_full_mailbox_is_503_with_Retry_After_for_a_tell_and_for_an_ask()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/inboxes/{id}")).Dispose();
        using (HttpResponseMessage hold = await server.PostAsync($"/actors/inboxes/{id}/Hold"))
        {
            Assert.Equal(HttpStatusCode.Accepted, hold.StatusCode);
        }

        await Deadline.Until(Busy); // Hold is in its handler: the mailbox is empty and the actor never idle
        for (int n = 0; n < 2; n++)
        {
            using HttpResponseMessage queued = await server.PostAsync($"/actors/inboxes/{id}/Drop", $$"""{"n": {{n}}}""");
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        }

        long lettersBefore = server.System.DeadLetters.Count;
        using HttpResponseMessage tell = await server.PostAsync($"/actors/inboxes/{id}/Drop", """{"n": 2}""");
        using HttpResponseMessage ask = await server.PostAsync($"/actors/inboxes/{id}/CountDrops");

        foreach (HttpResponseMessage refused in new[] { tell, ask })
        {
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            var problem = await GatewayServer.AssertProblemAsync(refused, 503);
            Assert.Equal("Mailbox full", problem.GetProperty("title").GetString());
            Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(2, server.System.DeadLetters.Count - lettersBefore); // refused, not lost: each is a dead letter
        using HttpResponseMessage kill = await server.Client.DeleteAsync($"/actors/inboxes/{id}");
        Assert.True(kill.IsSuccessStatusCode);
    }

    /// <summary>The one live Inbox has taken a message into its handler and has nothing queued.</summary>
    private bool Busy()
    {
        var samples = new List<ActorSample>();
        ActorIntrospection.Sample(server.System, samples);
        return samples.Any(s => s.ActorType == typeof(Inbox) && s.MessagesHandled == 1 && s.QueuedMessages == 0);
    }
}

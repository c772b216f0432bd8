using System.Net;
using System.Text.Json;
using TypedActors.Http.Observer;
using TypedActors.Introspection;

namespace TypedActors.Http.Tests.Observer;

/// <summary>The supervision tree, actor state, bounded frames per page, and the pages of several processes.</summary>
public sealed class ObserverQueryTests
{
    [Fact]
    public async Task The_tree_pages_roots_and_children_with_their_links_and_monitors()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        await host.Client.PostAsync("/scene/workers?count=250", null);

        JsonElement roots = await GetJsonAsync(host, "/observer/api/nodes/local/tree?limit=100");
        Assert.Equal(254, roots.GetProperty("total").GetInt32()); // 250 workers, the befriended one, sink, victim, manager
        Assert.Equal(100, roots.GetProperty("actors").GetArrayLength());
        JsonElement manager = roots.GetProperty("actors").EnumerateArray().Single(actor => actor.GetProperty("type").GetString() == "Manager");
        Assert.Equal(3, manager.GetProperty("children").GetInt32());
        Assert.Single(manager.GetProperty("monitors").EnumerateArray());
        Assert.Equal(3, manager.GetProperty("links").GetArrayLength());

        JsonElement secondPage = await GetJsonAsync(host, "/observer/api/nodes/local/tree?offset=200&limit=100");
        Assert.Equal(54, secondPage.GetProperty("actors").GetArrayLength());

        string managerHandle = manager.GetProperty("handle").GetString()!;
        JsonElement team = await GetJsonAsync(host, $"/observer/api/nodes/local/tree?parent={managerHandle}");
        Assert.Equal(3, team.GetProperty("total").GetInt32());
        Assert.All(team.GetProperty("actors").EnumerateArray(), worker =>
        {
            Assert.Equal("Worker", worker.GetProperty("type").GetString());
            Assert.Equal(managerHandle, worker.GetProperty("links")[0].GetProperty("handle").GetString());
        });
        Assert.Single(team.GetProperty("actors").EnumerateArray(), worker => worker.GetProperty("monitoredBy").GetArrayLength() == 1);

        using HttpResponseMessage badPage = await ObserverAccessTests.GetAsync(host, "/observer/api/nodes/local/tree?limit=5000");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        using HttpResponseMessage unknownParent = await ObserverAccessTests.GetAsync(host, "/observer/api/nodes/local/tree?parent=zz");
        Assert.Equal(HttpStatusCode.NotFound, unknownParent.StatusCode);
        using HttpResponseMessage unknownNode = await ObserverAccessTests.GetAsync(host, "/observer/api/nodes/elsewhere/tree");
        Assert.Equal(HttpStatusCode.NotFound, unknownNode.StatusCode);
    }

    [Fact]
    public async Task State_is_the_safe_snapshot_with_addresses_as_handles_and_is_bounded()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => options.SampleInterval = ObserverHost.HandleKeepingInterval);
        string victim = await ObserverAccessTests.HandleOfAsync(host, "Victim");
        JsonElement state = await GetJsonAsync(host, $"/observer/api/nodes/local/actors/{victim}/state");

        Assert.Equal("victim", state.GetProperty("Name").GetString());
        Assert.Equal(3, state.GetProperty("visits").GetInt32()); // private, marked [State]
        Assert.False(state.TryGetProperty("secret", out _)); // private and unmarked: never shown
        JsonElement friend = state.GetProperty("Friend");
        Assert.Equal("Worker", friend.GetProperty("$actor").GetString());
        Assert.Matches("^[0-9a-f]{16}$", friend.GetProperty("handle").GetString());
        Assert.DoesNotContain("\"Id\"", state.GetRawText(), StringComparison.Ordinal);

        await using ObserverHost tight = await ObserverHost.StartAsync(options => { options.MaxStateBytes = 8; options.SampleInterval = ObserverHost.HandleKeepingInterval; });
        string tightVictim = await ObserverAccessTests.HandleOfAsync(tight, "Victim");
        using HttpResponseMessage tooLarge = await ObserverAccessTests.GetAsync(tight, $"/observer/api/nodes/local/actors/{tightVictim}/state");
        Assert.Equal(HttpStatusCode.Conflict, tooLarge.StatusCode);
        using HttpResponseMessage notAHandle = await ObserverAccessTests.GetAsync(tight, "/observer/api/nodes/local/actors/42/state");
        Assert.Equal(HttpStatusCode.NotFound, notAHandle.StatusCode); // an internal id is not a handle
    }

    [Fact]
    public void A_page_that_does_not_read_holds_at_most_one_waiting_frame()
    {
        var client = new ObserverClient();
        for (int i = 0; i < 100; i++)
        {
            client.Offer(new byte[1024]);
        }

        Assert.Equal(1, client.Waiting);
        Assert.Equal(99, client.Dropped);
    }

    [Fact]
    public async Task Through_the_introspection_channel_a_page_shows_and_acts_on_every_process()
    {
        await using ObserverHost a = await ObserverHost.StartAsync(options => options.EnableActions(ObserverHost.Operators));
        await using ObserverHost b = await ObserverHost.StartAsync(options => options.EnableActions(ObserverHost.Operators));
        var peers = new InProcessPeers(("a", a.System), ("b", b.System));
        a.System.Introspection.Peers = peers.For("a");
        b.System.Introspection.Peers = peers.For("b");
        await b.Client.PostAsync("/scene/workers?count=7", null);

        await using FrameStream frames = await FrameStream.OpenAsync(
            a.Client, prepare: request => request.Headers.Add(SecuredGatewayServer.RoleHeaderHandler.Header, ObserverHost.AdminRole));
        JsonElement frame = await frames.UntilAsync(f => f.GetProperty("nodes").GetArrayLength() == 2 && f.Node(1).TypeCount("Worker") == 11);
        Assert.Equal("a", frame.Node(0).GetProperty("node").GetString());
        Assert.Equal("b", frame.Node(1).GetProperty("node").GetString());
        Assert.Equal(4, frame.Node(0).TypeCount("Worker"));

        JsonElement tree = await GetJsonAsync(a, "/observer/api/nodes/b/tree?limit=200");
        Assert.Equal("b", tree.GetProperty("node").GetString());
        string victim = tree.GetProperty("actors").EnumerateArray().First(actor => actor.GetProperty("type").GetString() == "Victim").GetProperty("handle").GetString()!;
        Assert.Equal("victim", (await GetJsonAsync(a, $"/observer/api/nodes/b/actors/{victim}/state")).GetProperty("Name").GetString());

        var kill = new HttpRequestMessage(HttpMethod.Post, $"/observer/api/nodes/b/actors/{victim}/kill");
        kill.Headers.Add(SecuredGatewayServer.RoleHeaderHandler.Header, ObserverHost.AdminRole);
        kill.Headers.Add(ObserverRequests.ActionHeader, "kill");
        using HttpResponseMessage killed = await a.Client.SendAsync(kill);
        Assert.Equal(HttpStatusCode.NoContent, killed.StatusCode);
        Assert.True(b.Victim.Address.IsDead);
        Assert.False(a.Victim.Address.IsDead);

        peers.Unreachable.Add("b");
        JsonElement partial = await frames.UntilAsync(f => f.GetProperty("unreachable").GetArrayLength() == 1);
        Assert.Equal("b", partial.GetProperty("unreachable")[0].GetProperty("node").GetString());
        Assert.Equal(1, partial.GetProperty("nodes").GetArrayLength());
    }

    private static async Task<JsonElement> GetJsonAsync(ObserverHost host, string path)
    {
        using HttpResponseMessage response = await ObserverAccessTests.GetAsync(host, path, ObserverHost.AdminRole);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Processes of a pretend cluster in one test process: queries go straight to the other system's responder.</summary>
    private sealed class InProcessPeers(params (string Name, ActorSystem System)[] processes)
    {
        public (string Name, ActorSystem System)[] Processes { get; } = processes;

        public HashSet<string> Unreachable { get; } = [];

        public IIntrospectionPeers For(string name) => new View(this, name);

        private sealed class View(InProcessPeers peers, string name) : IIntrospectionPeers
        {
            public string LocalName => name;

            public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyList<string>>([.. peers.Processes.Select(p => p.Name)]);

            public Task<byte[]> AskAsync(string peer, byte[] query, CancellationToken cancellationToken)
            {
                ActorSystem system = peers.Processes.Single(p => p.Name == peer).System;
                return peers.Unreachable.Contains(peer) || system.Introspection.Responder is not { } responder
                    ? Task.FromException<byte[]>(new IntrospectionUnavailableException($"{peer} is unreachable"))
                    : responder(query, cancellationToken);
            }
        }
    }
}

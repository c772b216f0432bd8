using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedActors.Http.Observer;

namespace TypedActors.Orleans.Tests;

/// <summary>
/// The observer page of any silo shows the actors of every silo: each silo maps its own page (here a small web
/// application per silo, beside the test cluster's silo hosts), and the pages ask each other through the silos'
/// introspection grain services.
/// </summary>
public sealed class ObserverClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private readonly List<WebApplication> _pages = [];
    private readonly List<HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        for (int silo = 0; silo < 2; silo++)
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            WebApplication page = builder.Build();
            page.MapActorsObserver(cluster.Silo(silo).LocalSystem, "/observer", options =>
            {
                options.SampleInterval = TimeSpan.FromMilliseconds(200);
                options.EnableActions("unused"); // no user can satisfy it here; actions between silos are checked below
            });
            await page.StartAsync();
            _pages.Add(page);
            string address = page.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            _clients.Add(new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
        }
    }

    public async Task DisposeAsync()
    {
        foreach (HttpClient client in _clients)
        {
            client.Dispose();
        }

        foreach (WebApplication page in _pages)
        {
            await page.StopAsync();
            await page.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_page_of_either_silo_shows_and_opens_the_actors_of_both()
    {
        ActorRef<Counter> onFirst = await cluster.Silo(0).SpawnAsync<Counter>();
        var onSecond = new List<ActorRef<Counter>>();
        for (int i = 0; i < 3; i++)
        {
            onSecond.Add(await cluster.Silo(1).SpawnAsync<Counter>());
        }

        onSecond[0].Tell(new Increment(41));
        Assert.Equal(41, await onSecond[0].Ask(new GetCount()).Within());

        string first = await LocalNameAsync(0);
        string second = await LocalNameAsync(1);
        Assert.NotEqual(first, second);
        foreach (int silo in new[] { 0, 1 })
        {
            await using FrameStream frames = await FrameStream.OpenAsync(_clients[silo]);
            JsonElement frame = await frames.UntilAsync(f => f.GetProperty("nodes").GetArrayLength() == 2
                && CountersOn(f, first) == 1 && CountersOn(f, second) == 3);
            Assert.Equal(silo == 0 ? first : second, frame.Node(0).GetProperty("node").GetString()); // its own silo first
            Assert.Equal(0, frame.GetProperty("unreachable").GetArrayLength());
        }

        // From the first silo's page: the second silo's tree, and the state of a counter that lives there.
        using JsonDocument tree = JsonDocument.Parse(await _clients[0].GetStringAsync($"/observer/api/nodes/{Uri.EscapeDataString(second)}/tree?type=Counter&limit=10"));
        Assert.Equal(3, tree.RootElement.GetProperty("total").GetInt32());
        var states = new List<string>();
        foreach (JsonElement counter in tree.RootElement.GetProperty("actors").EnumerateArray())
        {
            string handle = counter.GetProperty("handle").GetString()!;
            states.Add(await _clients[0].GetStringAsync($"/observer/api/nodes/{Uri.EscapeDataString(second)}/actors/{handle}/state"));
        }

        Assert.Equal(3, states.Count);
        Assert.Contains(states, state => JsonDocument.Parse(state).RootElement.GetProperty("Total").GetInt32() == 41);

        // A silo that is not in the cluster is named nowhere.
        using HttpResponseMessage unknown = await _clients[0].GetAsync("/observer/api/nodes/S127.0.0.1%3A1%3A1/tree");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> LocalNameAsync(int silo)
    {
        using JsonDocument session = JsonDocument.Parse(await _clients[silo].GetStringAsync("/observer/api/session"));
        return session.RootElement.GetProperty("node").GetString()!;
    }

    private static int CountersOn(JsonElement frame, string node) =>
        frame.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("node").GetString() == node).Select(n => n.TypeCount("Counter")).FirstOrDefault();
}

/// <summary>The counter's count as public state, so the observer's state snapshot shows it.</summary>
public partial class Counter
{
    public int Total => _count;
}

using System.Net;

namespace TypedActors.Http.Tests;

/// <summary>The per-kind actor limit, and a client that goes away while its ask is in flight.</summary>
public sealed class LimitsAndAbortTests
{
    [Fact]
    public Task A_kind_at_its_limit_refuses_spawns_with_409_until_an_actor_dies() =>
        WithServerAsync(options => options.MaxActorsPerKind = 3, async server =>
    {
        string[] ids = [.. Enumerable.Range(0, 3).Select(_ => GatewayServer.NewId())];
        foreach (string id in ids)
        {
            using HttpResponseMessage put = await server.PutAsync($"/actors/pairs/{id}");
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using HttpResponseMessage full = await server.PutAsync($"/actors/pairs/{GatewayServer.NewId()}");
        using HttpResponseMessage otherKind = await server.PutAsync($"/actors/shops/{GatewayServer.NewId()}");
        Assert.Equal("Too many actors", (await GatewayServer.AssertProblemAsync(full, 409)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, otherKind.StatusCode); // the limit is per kind

        using HttpResponseMessage delete = await server.Client.DeleteAsync($"/actors/pairs/{ids[0]}");
        using HttpResponseMessage again = await server.PutAsync($"/actors/pairs/{GatewayServer.NewId()}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    });

    [Fact]
    public Task A_client_that_aborts_mid_ask_leaves_the_server_and_the_actor_working() => WithServerAsync(null, async server =>
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}", """{"start": 7}""")).Dispose();

        // The body is sent in full before the client gives up, so the gateway is waiting on the handler (or about to).
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var abort = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/actors/counters/{id}/Hang?timeout=60000")
        {
            Content = new SignallingContent("{}", sent),
        };
        Task<HttpResponseMessage> hanging = server.Client.SendAsync(request, abort.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);

        // The gateway dropped the abandoned ask without failing: other actors are answered at once, the hung actor
        // (still in its handler, as a cancelled ask is still handled) is alive, and DELETE frees its id.
        string other = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{other}", """{"start": 3}""")).Dispose();
        using HttpResponseMessage count = await server.PostAsync($"/actors/counters/{other}/GetCount");
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/actors/counters/{id}");
        using HttpResponseMessage alive = await server.Client.SendAsync(head);
        using HttpResponseMessage delete = await server.Client.DeleteAsync($"/actors/counters/{id}");
        using HttpResponseMessage respawn = await server.PutAsync($"/actors/counters/{id}");

        Assert.Equal(3, (await GatewayServer.ReadJsonAsync(count)).GetInt32());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, respawn.StatusCode);
    });

    private static async Task WithServerAsync(Action<ActorGatewayOptions>? configure, Func<GatewayServer, Task> test)
    {
        var server = new GatewayServer { Configure = configure };
        await server.InitializeAsync();
        try
        {
            await test(server);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A JSON body that reports when it has been written to the connection.</summary>
    private sealed class SignallingContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _sent;

        public SignallingContent(string json, TaskCompletionSource sent)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(json);
            _sent = sent;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes);
            await stream.FlushAsync();
            _sent.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}

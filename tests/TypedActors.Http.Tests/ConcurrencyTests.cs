using System.Net;

namespace TypedActors.Http.Tests;

public sealed class ConcurrencyTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task Fifty_clients_posting_two_hundred_increments_each_count_exactly_ten_thousand()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(45));

        int[] accepted = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            int ok = 0;
            for (int i = 0; i < 200; i++)
            {
                using HttpResponseMessage response = await client.PostAsync(
                    $"/actors/counters/{id}/Increment", GatewayServer.Json("""{"by": 1}"""), cancellation.Token);
                ok += response.StatusCode == HttpStatusCode.Accepted ? 1 : 0;
            }

            return ok;
        }));

        Assert.Equal(10_000, accepted.Sum());
        // Tells are queued in order before this snapshot request, so the snapshot sees every one of them.
        Assert.Equal(10_000, (await server.GetJsonAsync($"/actors/counters/{id}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Racing_PUTs_of_one_id_spawn_exactly_one_actor()
    {
        string id = GatewayServer.NewId();
        HttpStatusCode[] statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using HttpResponseMessage response = await server.PutAsync($"/actors/counters/{id}");
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
    }
}

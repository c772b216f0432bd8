using System.Net;
using System.Text.Json;

namespace TypedActors.Http.Tests;

/// <summary>GET of a hostile state: cycles and deep chains become markers, an oversized state a small problem.</summary>
public sealed class StateBoundsTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task A_state_that_contains_itself_is_written_with_a_cycle_marker()
    {
        string id = await SpawnAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync($"/actors/hoarders/{id}/MakeCycle")).StatusCode);

        JsonElement state = await server.GetJsonAsync($"/actors/hoarders/{id}");

        Assert.True(state.GetProperty("Bag").GetProperty("self").GetProperty("$cycle").GetBoolean());
    }

    [Fact]
    public async Task A_chain_deeper_than_the_limit_is_cut_with_a_marker()
    {
        string id = await SpawnAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync($"/actors/hoarders/{id}/MakeChain", """{"depth": 100000}""")).StatusCode);

        JsonElement state = await server.GetJsonAsync($"/actors/hoarders/{id}");

        // The field is level 1; each nested list one more, until the marker at the default limit of 32 levels.
        JsonElement current = state.GetProperty("Chain");
        int levels = 1;
        while (current.ValueKind == JsonValueKind.Array)
        {
            current = current[0];
            levels++;
        }

        Assert.True(current.GetProperty("$tooDeep").GetBoolean());
        Assert.Equal(33, levels);
    }

    [Fact]
    public async Task A_state_over_the_size_limit_is_a_small_problem_even_for_concurrent_readers()
    {
        string id = await SpawnAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync($"/actors/hoarders/{id}/Fill", """{"items": 5000000}""")).StatusCode);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.Client.GetAsync($"/actors/hoarders/{id}")));

        foreach (HttpResponseMessage response in responses)
        {
            using (response)
            {
                JsonElement problem = await GatewayServer.AssertProblemAsync(response, 409);
                Assert.Equal("State too large", problem.GetProperty("title").GetString());
                Assert.True(response.Content.Headers.ContentLength < 2_048, $"{response.Content.Headers.ContentLength} bytes");
            }
        }

        // The actor is unharmed: it still answers, and a state under the limit reads again once it shrinks.
        using HttpResponseMessage list = await server.Client.GetAsync("/actors/hoarders?limit=1000");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private async Task<string> SpawnAsync()
    {
        string id = GatewayServer.NewId();
        using HttpResponseMessage put = await server.PutAsync($"/actors/hoarders/{id}");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return id;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MessagePack;

namespace TypedActors.Http.Tests;

public sealed class ProtocolTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task Put_spawns_with_the_creation_message_and_answers_201_with_the_location()
    {
        string id = GatewayServer.NewId();
        using HttpResponseMessage put = await server.PutAsync($"/actors/counters/{id}", """{"start": 40}""");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/actors/counters/{id}", put.Headers.Location?.OriginalString);
        using HttpResponseMessage ask = await server.PostAsync($"/actors/counters/{id}/GetCount");
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal(40, (await GatewayServer.ReadJsonAsync(ask)).GetInt32());
    }

    [Fact]
    public async Task Put_of_a_live_id_is_409_and_an_empty_body_defaults_the_creation_message()
    {
        string id = GatewayServer.NewId();
        using HttpResponseMessage first = await server.PutAsync($"/actors/counters/{id}");
        using HttpResponseMessage second = await server.PutAsync($"/actors/counters/{id}", """{"Start": 5}""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await GatewayServer.AssertProblemAsync(second, 409);
        Assert.Equal(0, (await server.GetJsonAsync($"/actors/counters/{id}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Put_of_an_unknown_kind_is_404_and_a_body_for_a_kind_without_creation_message_is_400()
    {
        using HttpResponseMessage unknown = await server.PutAsync($"/actors/rockets/{GatewayServer.NewId()}");
        using HttpResponseMessage withBody = await server.PutAsync($"/actors/shops/{GatewayServer.NewId()}", """{"x": 1}""");
        using HttpResponseMessage emptyObject = await server.PutAsync($"/actors/shops/{GatewayServer.NewId()}", "{}");

        JsonElement problem = await GatewayServer.AssertProblemAsync(unknown, 404);
        Assert.Contains("rockets", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await GatewayServer.AssertProblemAsync(withBody, 400);
        Assert.Equal(HttpStatusCode.Created, emptyObject.StatusCode);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("semi;colon")]
    [InlineData("...")]
    [InlineData("%C3%A9t%C3%A9")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Invalid_ids_are_400(string id)
    {
        using HttpResponseMessage put = await server.Client.PutAsync($"/actors/counters/{id}", null);
        await GatewayServer.AssertProblemAsync(put, 400);
    }

    [Fact]
    public async Task Post_tells_a_handler_without_reply_202_and_asks_one_with_a_reply_200()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        using HttpResponseMessage tell = await server.PostAsync($"/actors/counters/{id}/Increment", """{"by": 3}""");
        using HttpResponseMessage tellDefault = await server.PostAsync($"/actors/counters/{id}/increment", """{"By": 1}""");
        using HttpResponseMessage ask = await server.PostAsync($"/actors/counters/{id}/GetCount");

        Assert.Equal(HttpStatusCode.Accepted, tell.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, tellDefault.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal("application/json", ask.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await GatewayServer.ReadJsonAsync(ask)).GetInt32()); // the ask queues behind both tells
    }

    [Fact]
    public async Task Records_travel_both_ways_as_objects_keyed_by_member_name()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/shops/{id}")).Dispose();

        using HttpResponseMessage ask = await server.PostAsync(
            $"/actors/shops/{id}/Order", """{"customer": "ada", "lines": [{"sku": "pen", "quantity": 2}, {"Sku": "ink", "Quantity": 3}]}""");

        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        JsonElement total = await GatewayServer.ReadJsonAsync(ask);
        Assert.Equal("ada", total.GetProperty("Customer").GetString());
        Assert.Equal(5, total.GetProperty("Items").GetInt32());
    }

    [Fact]
    public async Task Unknown_messages_and_unknown_actors_are_404()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/Launch"), 404);
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/Order"), 404); // another kind's message
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{GatewayServer.NewId()}/GetCount"), 404);
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync($"/actors/counters/{GatewayServer.NewId()}"), 404);
        await GatewayServer.AssertProblemAsync(await server.Client.DeleteAsync($"/actors/counters/{GatewayServer.NewId()}"), 404);
    }

    [Fact]
    public async Task An_ask_without_reply_in_time_is_504_and_a_bad_timeout_is_400()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/Hang?timeout=100"), 504);
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/GetCount?timeout=soon"), 400);
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/GetCount?timeout=0"), 400);
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/counters/{id}/GetCount?timeout=99999999"), 400);
    }

    [Fact]
    public async Task A_failing_handler_is_a_500_problem_without_its_details()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        using HttpResponseMessage failed = await server.PostAsync($"/actors/counters/{id}/Fail");

        JsonElement problem = await GatewayServer.AssertProblemAsync(failed, 500);
        Assert.DoesNotContain("secret", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_returns_the_state_snapshot_without_NotState_fields_and_marks_unserializable_ones()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}", """{"start": 1}""")).Dispose();
        (await server.PostAsync($"/actors/counters/{id}/Increment", """{"by": 2}""")).Dispose();

        JsonElement state = await server.GetJsonAsync($"/actors/counters/{id}");

        Assert.Equal(3, state.GetProperty("count").GetInt32());
        Assert.Equal([2], state.GetProperty("history").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(state.TryGetProperty("secret", out _)); // private, not marked [State]
        Assert.False(state.TryGetProperty("Token", out _)); // public, marked [NotState]
        Assert.True(state.GetProperty("twice").GetProperty("$notSerializable").GetBoolean());
    }

    [Fact]
    public async Task Delete_kills_with_204_then_the_id_is_free_again()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}", """{"start": 9}""")).Dispose();

        using HttpResponseMessage delete = await server.Client.DeleteAsync($"/actors/counters/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync($"/actors/counters/{id}"), 404);

        using HttpResponseMessage again = await server.PutAsync($"/actors/counters/{id}");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync($"/actors/counters/{id}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_actor_that_stops_itself_leaves_the_gateway()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        using HttpResponseMessage quit = await server.PostAsync($"/actors/counters/{id}/Quit");
        Assert.Equal(HttpStatusCode.OK, quit.StatusCode);

        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using HttpResponseMessage get = await server.Client.GetAsync($"/actors/counters/{id}");
            status = get.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, status);
        JsonElement list = await server.GetJsonAsync("/actors/counters?limit=1000");
        Assert.DoesNotContain(id, list.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Get_of_a_kind_lists_live_ids_in_pages()
    {
        string prefix = GatewayServer.NewId();
        string[] ids = [.. Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}")];
        foreach (string id in ids)
        {
            (await server.PutAsync($"/actors/pairs/{id}")).Dispose();
        }

        JsonElement all = await server.GetJsonAsync("/actors/pairs?limit=1000");
        string[] listed = [.. all.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).Where(i => i.StartsWith(prefix, StringComparison.Ordinal))];
        Assert.Equal(ids, listed);
        Assert.Equal("pairs", all.GetProperty("kind").GetString());

        JsonElement page = await server.GetJsonAsync("/actors/pairs?offset=1&limit=2");
        Assert.Equal(2, page.GetProperty("ids").GetArrayLength());
        Assert.Equal(all.GetProperty("ids")[1].GetString(), page.GetProperty("ids")[0].GetString());
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync("/actors/pairs?limit=0"), 400);
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync("/actors/pairs?offset=-1"), 400);
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync("/actors/rockets"), 404);
    }

    [Fact]
    public async Task MessagePack_bodies_and_replies_are_negotiated()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/counters/{id}")).Dispose();

        byte[] increment = MessagePackSerializer.ConvertFromJson("""{"By": 7}""");
        using var content = new ByteArrayContent(increment);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");
        using HttpResponseMessage tell = await server.Client.PostAsync($"/actors/counters/{id}/Increment", content);
        Assert.Equal(HttpStatusCode.Accepted, tell.StatusCode);

        using var ask = new HttpRequestMessage(HttpMethod.Post, $"/actors/counters/{id}/GetCount");
        ask.Headers.Accept.Add(GatewayServer.MessagePackMedia);
        using HttpResponseMessage reply = await server.Client.SendAsync(ask);
        Assert.Equal("application/x-msgpack", reply.Content.Headers.ContentType?.MediaType);
        Assert.Equal(7, MessagePackSerializer.Deserialize<int>(await reply.Content.ReadAsByteArrayAsync()));

        using var html = new HttpRequestMessage(HttpMethod.Get, $"/actors/counters/{id}");
        html.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await GatewayServer.AssertProblemAsync(await server.Client.SendAsync(html), 406);
    }

    [Fact]
    public async Task State_snapshots_are_taken_inside_the_actor_turn_so_never_torn()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/pairs/{id}")).Dispose();

        Task writers = Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (int i = 0; i < 100; i++)
            {
                (await server.PostAsync($"/actors/pairs/{id}/Move", """{"amount": 1}""")).Dispose();
            }
        }));

        int snapshots = 0;
        while (!writers.IsCompleted || snapshots < 20)
        {
            JsonElement state = await server.GetJsonAsync($"/actors/pairs/{id}");
            Assert.Equal(state.GetProperty("left").GetInt32(), state.GetProperty("right").GetInt32());
            snapshots++;
        }

        await writers;
        JsonElement final = await server.GetJsonAsync($"/actors/pairs/{id}");
        Assert.Equal(400, final.GetProperty("left").GetInt32());
    }
}

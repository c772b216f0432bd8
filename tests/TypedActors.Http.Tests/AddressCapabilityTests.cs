using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MessagePack;

namespace TypedActors.Http.Tests;

/// <summary>
/// Addresses are capabilities: a body may name only actors the client could reach through the gateway anyway, in the
/// gateway's own form; numeric ids never resolve, and nothing the gateway writes reveals ids or .NET type names.
/// </summary>
public sealed class AddressCapabilityTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task Numeric_ids_in_a_JSON_body_never_reach_an_unexposed_actor()
    {
        ActorRef<Account> hidden = server.System.Spawn(() => new Account(1_000_000));
        ActorRef<Account> thief = server.System.Spawn(() => new Account(0));
        string teller = await SpawnAsync("tellers");

        using HttpResponseMessage transfer = await server.PostAsync(
            $"/actors/tellers/{teller}/Transfer", $$"""{"from":{"Id":{{hidden.Address.Id}}},"to":{"Id":{{thief.Address.Id}}},"amount":1000000}""");

        JsonElement problem = await GatewayServer.AssertProblemAsync(transfer, 400);
        Assert.Equal("From", problem.GetProperty("field").GetString());
        Assert.Equal(1_000_000m, await hidden.Ask(new GetBalance()));
        Assert.Equal(0m, await thief.Ask(new GetBalance()));
    }

    [Fact]
    public async Task Numeric_ids_in_a_MessagePack_body_never_reach_an_unexposed_actor()
    {
        ActorRef<Account> hidden = server.System.Spawn(() => new Account(5));
        string teller = await SpawnAsync("tellers");
        byte[] body = MessagePackSerializer.ConvertFromJson($$$"""{"Target":{"Id":{{{hidden.Address.Id}}},"ActorType":"{{{typeof(Account).FullName}}}"}}""");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");

        using HttpResponseMessage reap = await server.Client.PostAsync($"/actors/tellers/{teller}/Reap", content);

        await GatewayServer.AssertProblemAsync(reap, 400);
        Assert.Equal(5m, await hidden.Ask(new GetBalance())); // still alive
    }

    [Fact]
    public async Task Forged_ids_give_one_answer_whatever_lives_there_so_scanning_learns_nothing()
    {
        string teller = await SpawnAsync("tellers");
        var answers = new HashSet<string>();
        for (long id = 1; id <= 40; id++)
        {
            using HttpResponseMessage reap = await server.PostAsync($"/actors/tellers/{teller}/Reap", $$$"""{"target":{"Id":{{{id}}}}}""");
            JsonElement problem = await GatewayServer.AssertProblemAsync(reap, 400);
            answers.Add(problem.GetProperty("title").GetString() + "|" + problem.GetProperty("detail").GetString());
        }

        Assert.Single(answers);
        using HttpResponseMessage alive = await server.Client.GetAsync($"/actors/tellers/{teller}");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Exposed_actors_are_named_by_kind_and_id_in_bodies()
    {
        string from = await SpawnAsync("accounts", """{"opening": 100}""");
        string to = await SpawnAsync("accounts", """{"opening": 0}""");
        string teller = await SpawnAsync("tellers");

        using HttpResponseMessage transfer = await server.PostAsync(
            $"/actors/tellers/{teller}/Transfer", $$"""{"from":{"kind":"accounts","id":"{{from}}"},"to":{"kind":"accounts","id":"{{to}}"},"amount":30}""");

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.True((await GatewayServer.ReadJsonAsync(transfer)).GetBoolean());
        Assert.Equal(70m, decimal.Parse((await server.GetJsonAsync($"/actors/accounts/{from}")).GetProperty("Balance").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("30", (await server.GetJsonAsync($"/actors/accounts/{to}")).GetProperty("Balance").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"rockets","id":"a"}""")] // no such kind
    [InlineData("""{"kind":"accounts","id":"nobody-here"}""")] // no such actor
    [InlineData("""{"kind":"accounts"}""")] // no id
    [InlineData("""{"kind":"accounts","id":"x","Id":1}""")] // a numeric id beside the name
    [InlineData("""{"$unexposed":true}""")] // the marker the gateway writes is not an address
    [InlineData("""1""")]
    [InlineData("""null""")] // names no actor: the handler would get an empty address
    public async Task Anything_but_a_live_exposed_actor_is_400(string address)
    {
        string teller = await SpawnAsync("tellers");
        string to = await SpawnAsync("accounts", """{"opening": 0}""");

        using HttpResponseMessage transfer = await server.PostAsync(
            $"/actors/tellers/{teller}/Transfer", $$"""{"from":{{address}},"to":{"kind":"accounts","id":"{{to}}"},"amount":1}""");

        JsonElement problem = await GatewayServer.AssertProblemAsync(transfer, 400);
        Assert.Equal("From", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_exposed_actor_of_another_class_is_400()
    {
        string teller = await SpawnAsync("tellers");
        string to = await SpawnAsync("accounts", """{"opening": 0}""");

        using HttpResponseMessage transfer = await server.PostAsync(
            $"/actors/tellers/{teller}/Transfer", $$"""{"from":{"kind":"tellers","id":"{{teller}}"},"to":{"kind":"accounts","id":"{{to}}"},"amount":1}""");

        await GatewayServer.AssertProblemAsync(transfer, 400);
    }

    [Fact]
    public async Task State_and_replies_name_exposed_actors_by_kind_and_id_and_hide_all_others()
    {
        string from = await SpawnAsync("accounts", """{"opening": 10}""");
        string teller = await SpawnAsync("tellers");
        (await server.PostAsync($"/actors/tellers/{teller}/Transfer",
            $$"""{"from":{"kind":"accounts","id":"{{from}}"},"to":{"kind":"accounts","id":"{{from}}"},"amount":1}""")).Dispose();

        using HttpResponseMessage get = await server.Client.GetAsync($"/actors/tellers/{teller}");
        using HttpResponseMessage ask = await server.PostAsync($"/actors/tellers/{teller}/Partners");
        string state = await get.Content.ReadAsStringAsync();
        string reply = await ask.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        foreach (string body in new[] { state, reply })
        {
            Assert.Contains($$"""{"kind":"accounts","id":"{{from}}"}""", body, StringComparison.Ordinal);
            Assert.Contains("""{"$unexposed":true}""", body, StringComparison.Ordinal);
            Assert.DoesNotContain("ActorType", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"Id\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("TypedActors", body, StringComparison.Ordinal);
        }
    }

    private async Task<string> SpawnAsync(string kind, string? body = null)
    {
        string id = GatewayServer.NewId();
        using HttpResponseMessage put = await server.PutAsync($"/actors/{kind}/{id}", body);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return id;
    }
}

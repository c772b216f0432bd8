using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TypedActors.Http.Tests;

/// <summary>Hostile and broken requests: every one is a 4xx problem, none reaches an actor, and the server stays healthy.</summary>
public sealed class RobustnessTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Theory]
    [InlineData("{")]
    [InlineData("{\"customer\": }")]
    [InlineData("{'customer': 'single quotes'}")]
    [InlineData("{\"customer\": \"ada\",}")]
    [InlineData("{\"customer\": \"ada\"} trailing")]
    [InlineData("// comment\n{}")]
    [InlineData("\u00ff\u00fe")]
    public async Task Malformed_JSON_is_400(string body)
    {
        string id = await SpawnShopAsync();
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", body), 400);
        await AssertHealthyAsync(id);
    }

    [Theory]
    [InlineData("""{"customer": 42, "lines": []}""", "Customer")]
    [InlineData("""{"customer": "ada", "lines": {"sku": "pen"}}""", "Lines")]
    [InlineData("""{"customer": "ada", "lines": [{"sku": "pen", "quantity": "two"}]}""", "Lines.Quantity")]
    [InlineData("""{"customer": "ada", "lines": [{"sku": "pen", "quantity": 1e40}]}""", "Lines.Quantity")]
    public async Task Wrong_types_are_400_naming_the_field(string body, string field)
    {
        string id = await SpawnShopAsync();
        JsonElement problem = await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", body), 400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        await AssertHealthyAsync(id);
    }

    [Theory]
    [InlineData("""{"customer": "ada", "lines": [], "discount": 50}""", "discount")]
    [InlineData("""{"customer": "ada", "lines": [{"sku": "pen", "quantity": 1, "price": 0}]}""", "Lines.price")]
    public async Task Unknown_fields_are_400_naming_the_field(string body, string field)
    {
        string id = await SpawnShopAsync();
        JsonElement problem = await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", body), 400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        await AssertHealthyAsync(id);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"order\"")]
    [InlineData("12")]
    public async Task A_body_that_is_not_an_object_of_fields_is_400(string body)
    {
        string id = await SpawnShopAsync();
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", body), 400);
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_with_or_without_a_content_length()
    {
        string id = await SpawnShopAsync();
        string huge = "{\"customer\": \"" + new string('a', 10_000) + "\", \"lines\": []}";
        await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", huge), 413);

        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/actors/shops/{id}/Order") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await GatewayServer.AssertProblemAsync(await server.Client.SendAsync(request), 413);
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task Deep_nesting_is_400_in_JSON_and_in_MessagePack()
    {
        string id = await SpawnShopAsync();
        string deepJson = new string('[', 200) + new string(']', 200);
        JsonElement problem = await GatewayServer.AssertProblemAsync(await server.PostAsync($"/actors/shops/{id}/Order", deepJson), 400);
        Assert.Contains("deeper", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        byte[] deepMessagePack = [.. Enumerable.Repeat((byte)0x91, 3_000), 0xc0]; // 3,000 nested one-element arrays
        using var content = new ByteArrayContent(deepMessagePack);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");
        await GatewayServer.AssertProblemAsync(await server.Client.PostAsync($"/actors/shops/{id}/Order", content), 400);
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task Malformed_MessagePack_is_400()
    {
        string id = await SpawnShopAsync();
        foreach (byte[] body in new byte[][] { [0x82, 0xa1], [0xdf, 0xff, 0xff, 0xff, 0xff], [0x80, 0x80], [0xc1] })
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");
            await GatewayServer.AssertProblemAsync(await server.Client.PostAsync($"/actors/shops/{id}/Order", content), 400);
        }

        await AssertHealthyAsync(id);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Wrong_content_types_are_415(string? contentType)
    {
        string id = await SpawnShopAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"customer": "ada", "lines": []}"""));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        await GatewayServer.AssertProblemAsync(await server.Client.PostAsync($"/actors/shops/{id}/Order", content), 415);
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task Bad_creation_bodies_are_400_and_spawn_nothing()
    {
        string id = GatewayServer.NewId();
        JsonElement problem = await GatewayServer.AssertProblemAsync(await server.PutAsync($"/actors/counters/{id}", """{"start": "ten"}"""), 400);
        Assert.Equal("Start", problem.GetProperty("field").GetString());
        await GatewayServer.AssertProblemAsync(await server.PutAsync($"/actors/counters/{id}", """{"begin": 1}"""), 400);
        await GatewayServer.AssertProblemAsync(await server.Client.GetAsync($"/actors/counters/{id}"), 404);
    }

    private async Task<string> SpawnShopAsync()
    {
        string id = GatewayServer.NewId();
        using HttpResponseMessage put = await server.PutAsync($"/actors/shops/{id}");
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return id;
    }

    /// <summary>The server still answers, and the shop took no rejected order: it counts only the accepted ones.</summary>
    private async Task AssertHealthyAsync(string shopId, int expectedOrders = 1)
    {
        using HttpResponseMessage order = await server.PostAsync($"/actors/shops/{shopId}/Order", """{"customer": "ok", "lines": [{"sku": "pen", "quantity": 1}]}""");
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        JsonElement state = await server.GetJsonAsync($"/actors/shops/{shopId}");
        Assert.Equal(expectedOrders, state.GetProperty("orders").GetInt32());
    }
}

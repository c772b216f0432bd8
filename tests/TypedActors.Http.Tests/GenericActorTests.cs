using System.Net;
using System.Text.Json;
using TypedActors.Catalogue;

namespace TypedActors.Http.Tests;

/// <summary>
/// A closed generic actor (<c>Cache&lt;string, int&gt;</c>, exposed as "caches") through the gateway: spawned, told,
/// asked and read like any kind, its generic messages named by their simple names and read from JSON into the closed
/// message types.
/// </summary>
public sealed class GenericActorTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task A_closed_generic_kind_is_spawned_told_asked_read_and_killed_over_http()
    {
        string id = GatewayServer.NewId();

        using HttpResponseMessage put = await server.PutAsync($"/actors/caches/{id}");
        using HttpResponseMessage tellA = await server.PostAsync($"/actors/caches/{id}/Put", """{"Key": "a", "Value": 1}""");
        using HttpResponseMessage tellB = await server.PostAsync($"/actors/caches/{id}/put", """{"Key": "b", "Value": 2}""");
        using HttpResponseMessage askB = await server.PostAsync($"/actors/caches/{id}/Get", """{"Key": "b"}""");
        using HttpResponseMessage askMissing = await server.PostAsync($"/actors/caches/{id}/Get", """{"Key": "z"}""");
        JsonElement state = await server.GetJsonAsync($"/actors/caches/{id}");
        using HttpResponseMessage delete = await server.Client.DeleteAsync($"/actors/caches/{id}");
        using HttpResponseMessage afterDelete = await server.Client.GetAsync($"/actors/caches/{id}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, tellA.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, tellB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, askB.StatusCode);
        Assert.Equal(2, (await GatewayServer.ReadJsonAsync(askB)).GetInt32());
        Assert.Equal(0, (await GatewayServer.ReadJsonAsync(askMissing)).GetInt32());
        Assert.Equal("""{"items":{"a":1,"b":2}}""", state.GetRawText());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await GatewayServer.AssertProblemAsync(afterDelete, 404);
    }

    [Fact]
    public async Task A_body_that_does_not_fit_the_closed_message_type_is_400_and_the_actor_keeps_running()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/caches/{id}")).Dispose();

        using HttpResponseMessage wrongValue = await server.PostAsync($"/actors/caches/{id}/Put", """{"Key": "a", "Value": "one"}""");
        using HttpResponseMessage wrongKey = await server.PostAsync($"/actors/caches/{id}/Get", """{"Key": 5}""");
        using HttpResponseMessage ask = await server.PostAsync($"/actors/caches/{id}/Get", """{"Key": "a"}""");

        await GatewayServer.AssertProblemAsync(wrongValue, 400);
        await GatewayServer.AssertProblemAsync(wrongKey, 400);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal(0, (await GatewayServer.ReadJsonAsync(ask)).GetInt32());
    }

    [Fact]
    public void The_catalogue_of_the_closed_kind_names_its_messages_by_their_simple_names_with_the_closed_types()
    {
        ActorCatalogue catalogue = Describe<Cache<string, int>>();

        Assert.Equal(["Get", "Put"], catalogue.Names.Order(StringComparer.Ordinal));
        Assert.True(catalogue.TryFind("Put", out MessageDescriptor? put));
        Assert.Equal(typeof(Put<string, int>), put.MessageType);
        Assert.False(put.HasReply);
        Assert.True(catalogue.TryFind("Get", out MessageDescriptor? get));
        Assert.Equal(typeof(Get<string>), get.MessageType);
        Assert.Equal(typeof(int), get.ReplyType);
    }

    private static ActorCatalogue Describe<TActor>()
        where TActor : IActorCatalogue => TActor.DescribeMessages();
}

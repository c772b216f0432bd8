using System.Text.Json;

namespace TypedActors.Http.Tests;

/// <summary>GET shows public members, private ones only when marked [State], and never [NotState] ones.</summary>
public sealed class SafeStateTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task Private_fields_and_properties_are_not_shown()
    {
        string id = GatewayServer.NewId();
        (await server.PutAsync($"/actors/vaults/{id}")).Dispose();
        (await server.PostAsync($"/actors/vaults/{id}/GetBalance")).Dispose();

        using HttpResponseMessage get = await server.Client.GetAsync($"/actors/vaults/{id}");
        string body = await get.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("""{"Opened":1}""", body);
        Assert.DoesNotContain("key-123", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
    }
}

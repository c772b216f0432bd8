using System.Net;
using System.Text.Json;

namespace TypedActors.Http.Tests;

/// <summary>Per-kind endpoint conventions, problem details through the application's service, 404/405 and HEAD.</summary>
public sealed class ConventionTests(SecuredGatewayServer server) : IClassFixture<SecuredGatewayServer>
{
    [Fact]
    public async Task One_kind_is_public_while_another_needs_a_policy()
    {
        string counter = GatewayServer.NewId();
        string account = GatewayServer.NewId();

        using HttpResponseMessage publicPut = await server.SendAsync(HttpMethod.Put, $"/actors/counters/{counter}");
        using HttpResponseMessage anonymous = await server.SendAsync(HttpMethod.Put, $"/actors/accounts/{account}", json: """{"opening": 5}""");
        using HttpResponseMessage guest = await server.SendAsync(HttpMethod.Put, $"/actors/accounts/{account}", "guest", """{"opening": 5}""");
        using HttpResponseMessage teller = await server.SendAsync(HttpMethod.Put, $"/actors/accounts/{account}", "teller", """{"opening": 5}""");
        using HttpResponseMessage anonymousRead = await server.SendAsync(HttpMethod.Get, $"/actors/accounts/{account}");
        using HttpResponseMessage tellerRead = await server.SendAsync(HttpMethod.Post, $"/actors/accounts/{account}/GetBalance", "teller");

        Assert.Equal(HttpStatusCode.Created, publicPut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, guest.StatusCode);
        Assert.Equal(HttpStatusCode.Created, teller.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tellerRead.StatusCode);
    }

    [Fact]
    public async Task Delete_needs_its_own_policy_on_top_of_the_kind_policy()
    {
        string account = GatewayServer.NewId();
        (await server.SendAsync(HttpMethod.Put, $"/actors/accounts/{account}", "teller", """{"opening": 1}""")).Dispose();

        using HttpResponseMessage byTeller = await server.SendAsync(HttpMethod.Delete, $"/actors/accounts/{account}", "teller");
        using HttpResponseMessage byAdminOnly = await server.SendAsync(HttpMethod.Delete, $"/actors/accounts/{account}", "admin");
        using HttpResponseMessage stillThere = await server.SendAsync(HttpMethod.Head, $"/actors/accounts/{account}", "teller");
        using HttpResponseMessage byTellerAdmin = await server.SendAsync(HttpMethod.Delete, $"/actors/accounts/{account}", "teller,admin");
        using HttpResponseMessage gone = await server.SendAsync(HttpMethod.Head, $"/actors/accounts/{account}", "teller");

        Assert.Equal(HttpStatusCode.Forbidden, byTeller.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdminOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byTellerAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_rate_limited_kind_answers_429_with_Retry_After_and_other_kinds_do_not()
    {
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (int i = 0; i <= int.Parse(SecuredGatewayServer.ShopsPerWindow, System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            using HttpResponseMessage response = await server.SendAsync(HttpMethod.Get, "/actors/shops");
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.ToString();
        }

        using HttpResponseMessage counters = await server.SendAsync(HttpMethod.Get, "/actors/counters");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
    }

    [Fact]
    public async Task Problems_go_through_the_application_problem_details_service_with_a_trace_id()
    {
        using HttpResponseMessage missing = await server.SendAsync(HttpMethod.Get, $"/actors/counters/{GatewayServer.NewId()}");

        JsonElement problem = await GatewayServer.AssertProblemAsync(missing, 404);
        Assert.Equal("bank", problem.GetProperty("service").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Theory]
    [InlineData("PATCH", "/actors/counters/c1", 405, "GET, HEAD, PUT, DELETE")]
    [InlineData("POST", "/actors/counters", 405, "GET")]
    [InlineData("GET", "/actors/counters/c1/Increment", 405, "POST")]
    [InlineData("POST", "/actors/counters/c1/Launch", 404, null)]
    [InlineData("GET", "/actors/rockets/r1", 404, null)]
    [InlineData("GET", "/actors/counters/c1/Increment/more", 404, null)]
    [InlineData("DELETE", "/actors", 404, null)]
    public async Task Paths_and_methods_no_operation_takes_are_problems_too(string method, string path, int status, string? allow)
    {
        using HttpResponseMessage response = await server.SendAsync(new HttpMethod(method), path);

        JsonElement problem = await GatewayServer.AssertProblemAsync(response, status);
        Assert.Equal("bank", problem.GetProperty("service").GetString());
        Assert.Equal(allow, response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Head_is_200_for_a_live_actor_and_404_otherwise_without_a_body()
    {
        string id = GatewayServer.NewId();
        (await server.SendAsync(HttpMethod.Put, $"/actors/counters/{id}")).Dispose();

        using HttpResponseMessage alive = await server.SendAsync(HttpMethod.Head, $"/actors/counters/{id}");
        using HttpResponseMessage missing = await server.SendAsync(HttpMethod.Head, $"/actors/counters/{GatewayServer.NewId()}");
        using HttpResponseMessage badId = await server.SendAsync(HttpMethod.Head, "/actors/counters/...");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badId.StatusCode);
        Assert.Empty(await alive.Content.ReadAsByteArrayAsync());
    }
}

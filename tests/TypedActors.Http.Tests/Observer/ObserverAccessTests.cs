using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using TypedActors.Http.Observer;
using TypedActors.Testing;

namespace TypedActors.Http.Tests.Observer;

/// <summary>Who may see the observer, and who may stop or kill through it.</summary>
public sealed class ObserverAccessTests
{
    private const string Remote = "203.0.113.7";

    [Fact]
    public async Task Actions_are_off_by_default_the_session_offers_none_and_their_endpoints_do_not_exist()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => options.SampleInterval = ObserverHost.HandleKeepingInterval);
        string victim = await HandleOfAsync(host, "Victim");

        Assert.False(await ActionsOfferedAsync(host, ObserverHost.AdminRole));
        using HttpResponseMessage kill = await ActAsync(host, victim, "kill", ObserverHost.AdminRole);
        Assert.Equal(HttpStatusCode.NotFound, kill.StatusCode);
        Assert.False(host.Victim.Address.IsDead);
    }

    [Fact]
    public async Task With_actions_enabled_users_without_the_policy_see_no_buttons_and_are_refused()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => { options.EnableActions(ObserverHost.Operators); options.SampleInterval = ObserverHost.HandleKeepingInterval; });
        string victim = await HandleOfAsync(host, "Victim");

        Assert.False(await ActionsOfferedAsync(host, roles: null));
        Assert.False(await ActionsOfferedAsync(host, roles: "viewer"));
        using (HttpResponseMessage anonymous = await ActAsync(host, victim, "kill", roles: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (HttpResponseMessage viewer = await ActAsync(host, victim, "kill", roles: "viewer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        Assert.False(host.Victim.Address.IsDead);
    }

    [Fact]
    public async Task With_the_policy_satisfied_kill_terminates_the_actor_and_stop_stops_one()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => { options.EnableActions(ObserverHost.Operators); options.SampleInterval = ObserverHost.HandleKeepingInterval; });
        string victim = await HandleOfAsync(host, "Victim");
        string sink = await HandleOfAsync(host, "Sink");
        Assert.True(await ActionsOfferedAsync(host, ObserverHost.AdminRole));

        using (HttpResponseMessage forged = await ActAsync(host, victim, "kill", ObserverHost.AdminRole, header: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // a cross-site form cannot add the header
        }

        Assert.False(host.Victim.Address.IsDead);
        using (HttpResponseMessage kill = await ActAsync(host, victim, "kill", ObserverHost.AdminRole))
        {
            Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        }

        Assert.Equal(ExitKind.Killed, (await host.Victim.Address.Completion.Within()).Kind);
        using (HttpResponseMessage again = await ActAsync(host, victim, "kill", ObserverHost.AdminRole))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        using (HttpResponseMessage stop = await ActAsync(host, sink, "stop", ObserverHost.AdminRole))
        {
            Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        }

        Assert.Equal(ExitKind.Normal, (await host.Sink.Address.Completion.Within()).Kind);
        using HttpResponseMessage unknown = await ActAsync(host, "0123456789abcdef", "kill", ObserverHost.AdminRole);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_a_policy_only_local_requests_are_answered()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        foreach (string path in new[] { "/observer/", "/observer/observer.js", "/observer/api/session", "/observer/events", "/observer/api/nodes/local/tree" })
        {
            using HttpResponseMessage remote = await GetAsync(host, path, remote: Remote);
            Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
            Assert.Contains("local only", await remote.Content.ReadAsStringAsync());
        }

        using HttpResponseMessage local = await GetAsync(host, "/observer/api/session");
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Behind_a_policy_remote_operators_are_answered_and_others_are_refused()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(conventions: group => group.RequireAuthorization(ObserverHost.Operators));

        using (HttpResponseMessage anonymous = await GetAsync(host, "/observer/api/session", remote: Remote))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (HttpResponseMessage localAnonymous = await GetAsync(host, "/observer/api/session"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, localAnonymous.StatusCode); // the policy applies to everyone
        }

        using HttpResponseMessage operatorRequest = await GetAsync(host, "/observer/api/session", ObserverHost.AdminRole, Remote);
        Assert.Equal(HttpStatusCode.OK, operatorRequest.StatusCode);
    }

    [Fact]
    public async Task Allowing_anonymous_remote_access_is_a_deliberate_option()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => options.AllowAnonymousRemote = true);
        using HttpResponseMessage remote = await GetAsync(host, "/observer/api/session", remote: Remote);
        Assert.Equal(HttpStatusCode.OK, remote.StatusCode);
    }

    [Fact]
    public async Task More_pages_than_the_limit_are_refused_with_retry_after()
    {
        await using ObserverHost host = await ObserverHost.StartAsync(options => options.MaxWatchers = 1);
        await using FrameStream first = await FrameStream.OpenAsync(host.Client);
        await first.NextAsync();
        using HttpResponseMessage second = await GetAsync(host, "/observer/events");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("5", second.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task One_observer_per_system_and_options_out_of_range_are_refused_when_mapping()
    {
        await using ObserverHost host = await ObserverHost.StartAsync();
        WebApplication other = WebApplication.CreateBuilder().Build();
        Assert.Throws<InvalidOperationException>(() => other.MapActorsObserver(host.System));
        await using var system = new ActorSystem();
        InvalidOperationException invalid = Assert.Throws<InvalidOperationException>(() =>
            other.MapActorsObserver(system, "/observer", options => options.SampleInterval = TimeSpan.FromMilliseconds(1)));
        Assert.Contains(nameof(ActorObserverOptions.SampleInterval), invalid.Message);
        await other.DisposeAsync();
    }

    /// <summary>The handle of the first root of class <paramref name="type"/> in the tree, as the page would find it.</summary>
    internal static async Task<string> HandleOfAsync(ObserverHost host, string type, string? roles = ObserverHost.AdminRole)
    {
        using HttpResponseMessage response = await GetAsync(host, "/observer/api/nodes/local/tree?limit=200", roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument tree = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return tree.RootElement.GetProperty("actors").EnumerateArray().First(actor => actor.GetProperty("type").GetString() == type).GetProperty("handle").GetString()!;
    }

    internal static Task<HttpResponseMessage> GetAsync(ObserverHost host, string path, string? roles = null, string? remote = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddHeaders(request, roles, remote);
        return host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<bool> ActionsOfferedAsync(ObserverHost host, string? roles)
    {
        using HttpResponseMessage response = await GetAsync(host, "/observer/api/session", roles);
        using JsonDocument session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return session.RootElement.GetProperty("actions").GetBoolean();
    }

    private static Task<HttpResponseMessage> ActAsync(ObserverHost host, string handle, string action, string? roles, bool header = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/observer/api/nodes/local/actors/{handle}/{action}");
        AddHeaders(request, roles, remote: null);
        if (header)
        {
            request.Headers.Add(ObserverRequests.ActionHeader, action);
        }

        return host.Client.SendAsync(request);
    }

    private static void AddHeaders(HttpRequestMessage request, string? roles, string? remote)
    {
        if (roles is not null)
        {
            request.Headers.Add(SecuredGatewayServer.RoleHeaderHandler.Header, roles);
        }

        if (remote is not null)
        {
            request.Headers.Add(ObserverHost.RemoteHeader, remote);
        }
    }
}

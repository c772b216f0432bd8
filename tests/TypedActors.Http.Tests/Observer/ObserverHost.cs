using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedActors.Http.Observer;

namespace TypedActors.Http.Tests.Observer;

/// <summary>
/// A Kestrel server on a loopback port with an actor system and its observer page, as an application would map it: an
/// authentication scheme (roles from a header), an "operators" policy for actions, and a few endpoints of its own
/// that set the scene a test needs (spawn a thousand workers, flood a sink, make a dead letter and a failure).
/// </summary>
public sealed class ObserverHost : IAsyncDisposable
{
    public const string Operators = "operators";
    public const string AdminRole = "admin";
    public const string RemoteHeader = "X-Test-Remote-Address";

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;

    private ObserverHost()
    {
    }

    public ActorSystem System { get; } = new(new ActorSystemOptions { Name = "observer-tests" });

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ActorRef<Sink> Sink { get; private set; }

    public ActorRef<Victim> Victim { get; private set; }

    public ActorRef<Manager> Manager { get; private set; }

    /// <summary>The observer as the application mapped it (its hub and observation are internal to the library).</summary>
    internal ObserverHub Hub => ActorObserverEndpoints.HubOf(System)!;

    /// <summary>
    /// A sample interval for tests that read a handle and then use it in later requests: without a connected page a
    /// handle lasts three intervals past the last request, which the default 100 ms of these tests makes 300 ms, less
    /// than a loaded CI machine may take between two requests.
    /// </summary>
    public static readonly TimeSpan HandleKeepingInterval = TimeSpan.FromSeconds(10);

    /// <summary>Starts a host; <paramref name="configure"/> adjusts the observer's options, <paramref name="conventions"/> its endpoints.</summary>
    public static async Task<ObserverHost> StartAsync(
        Action<ActorObserverOptions>? configure = null, Action<RouteGroupBuilder>? conventions = null, bool authorization = true)
    {
        var host = new ObserverHost();
        await host.InitializeAsync(configure, conventions, authorization);
        return host;
    }

    private async Task InitializeAsync(Action<ActorObserverOptions>? configure, Action<RouteGroupBuilder>? conventions, bool authorization)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (authorization)
        {
            builder.Services.AddAuthentication(SecuredGatewayServer.RoleHeaderHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, SecuredGatewayServer.RoleHeaderHandler>(SecuredGatewayServer.RoleHeaderHandler.SchemeName, null);
            builder.Services.AddAuthorizationBuilder().AddPolicy(Operators, policy => policy.RequireRole(AdminRole));
        }

        builder.Services.AddProblemDetails();
        _app = builder.Build();

        // Requests that carry this header come "from" that address, as a proxy-less remote client's would.
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteHeader, out Microsoft.Extensions.Primitives.StringValues remote))
            {
                context.Connection.RemoteIpAddress = global::System.Net.IPAddress.Parse(remote.ToString());
            }

            return next(context);
        });
        if (authorization)
        {
            _app.UseAuthentication();
            _app.UseAuthorization();
        }

        Sink = System.Spawn(() => new Sink(_gate.Task));
        Victim = System.Spawn<Victim>();
        Manager = System.Spawn<Manager>();
        Manager.Tell(new StartTeam(3));
        Victim.Tell(new Befriend(System.Spawn<Worker>()));

        RouteGroupBuilder group = _app.MapActorsObserver(System, "/observer", options =>
        {
            options.SampleInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(options);
        });
        conventions?.Invoke(group);
        MapScene();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Endpoints the browser test calls to change what the page shows (a test's own, not the observer's).</summary>
    private void MapScene()
    {
        _app.MapPost("/scene/workers", (int count) =>
        {
            for (int i = 0; i < count; i++)
            {
                System.Spawn<Worker>().Tell(new Work(1));
            }

            return Results.NoContent();
        });
        _app.MapPost("/scene/drones", (int count) =>
        {
            for (int i = 0; i < count; i++)
            {
                System.Spawn<Drone>();
            }

            return Results.NoContent();
        });
        _app.MapPost("/scene/flood", (int count) =>
        {
            for (int i = 0; i < count; i++)
            {
                Sink.Tell(new Work(1));
            }

            return Results.NoContent();
        });
        _app.MapPost("/scene/release", () =>
        {
            _gate.TrySetResult();
            return Results.NoContent();
        });
        _app.MapPost("/scene/dead-letter", async () =>
        {
            ActorRef<Worker> gone = System.Spawn<Worker>();
            gone.Address.Stop();
            await gone.Address.Completion;
            gone.Tell(new Work(1)); // to a dead actor: a dead letter, reason RecipientDead
            return Results.NoContent();
        });
        _app.MapPost("/scene/failure", () =>
        {
            System.Spawn<Victim>().Tell(new Crash("observer test failure "));
            return Results.NoContent();
        });
        _app.MapGet("/scene/alive", () => Results.Json(new { victim = !Victim.Address.IsDead, sink = !Sink.Address.IsDead }));
    }

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await System.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedActors.Http;

/// <summary>Maps the actor gateway into an ASP.NET Core application.</summary>
public static class ActorGatewayEndpoints
{
    /// <summary>
    /// Maps the gateway under <c>/actors</c>. See <see cref="MapActors(IEndpointRouteBuilder, string, ActorSystem, Action{ActorGatewayOptions})"/>.
    /// </summary>
    public static RouteGroupBuilder MapActors(this IEndpointRouteBuilder endpoints, ActorSystem system, Action<ActorGatewayOptions> configure) =>
        MapActors(endpoints, "/actors", system, configure);

    /// <summary>
    /// Maps the gateway under <paramref name="prefix"/>: <c>PUT {prefix}/{kind}/{id}</c> spawns,
    /// <c>POST {prefix}/{kind}/{id}/{message}</c> sends, <c>GET {prefix}/{kind}/{id}</c> reads the state,
    /// <c>DELETE {prefix}/{kind}/{id}</c> kills and <c>GET {prefix}/{kind}</c> lists live ids. Returns the route group,
    /// so authorization, rate limiting, CORS and OpenAPI are added the usual way
    /// (<c>app.MapActors(...).RequireAuthorization()</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration exposes nothing or sets a limit out of range.</exception>
    public static RouteGroupBuilder MapActors(
        this IEndpointRouteBuilder endpoints, string prefix, ActorSystem system, Action<ActorGatewayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ActorGatewayOptions();
        configure(options);
        options.Validate();

        var gateway = new ActorGateway(system, options);
        RouteGroupBuilder group = endpoints.MapGroup(prefix);

        // RequestDelegate endpoints: no request-delegate generation or reflection over handler signatures.
        group.MapGet("/{kind}", new RequestDelegate(gateway.ListAsync));
        group.MapPut("/{kind}/{id}", new RequestDelegate(gateway.SpawnAsync));
        group.MapGet("/{kind}/{id}", new RequestDelegate(gateway.GetStateAsync));
        group.MapDelete("/{kind}/{id}", new RequestDelegate(gateway.KillAsync));
        group.MapPost("/{kind}/{id}/{message}", new RequestDelegate(gateway.SendAsync));
        return group;
    }
}

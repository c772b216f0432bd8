using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TypedActors.Catalogue;

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
    /// Maps the gateway under <paramref name="prefix"/>, for each exposed kind: <c>PUT {prefix}/{kind}/{id}</c> spawns,
    /// <c>POST {prefix}/{kind}/{id}/{message}</c> sends (one endpoint per message), <c>GET {prefix}/{kind}/{id}</c> reads
    /// the state, <c>HEAD</c> tests that the actor is alive, <c>DELETE</c> kills and <c>GET {prefix}/{kind}</c> lists live
    /// ids. Every other path or method under the prefix is a 404 or 405 problem. Returns the route group, for conventions
    /// on the whole gateway; the builder <c>Expose</c> returns carries those of one kind.
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
        foreach (ExposedKind kind in options.Kinds.Values)
        {
            MapKind(group, gateway, kind);
        }

        // Anything else under the prefix: an unknown kind, or a path deeper than any operation.
        group.Map("/{kind}/{**rest}", GatewayRequests.NotFoundAsync).WithOrder(2).ExcludeFromDescription();
        group.Map("/", GatewayRequests.NotFoundAsync).WithOrder(2).ExcludeFromDescription();
        return group;
    }

    /// <summary>
    /// One kind's endpoints, with its name as a literal segment so its conventions apply to it alone. Handlers are
    /// <see cref="RequestDelegate"/>s bound to the kind: no request-delegate generation or reflection over signatures.
    /// </summary>
    private static void MapKind(RouteGroupBuilder group, ActorGateway gateway, ExposedKind kind)
    {
        string kindPath = "/" + kind.Name;
        string actorPath = kindPath + "/{id}";
        ActorKindBuilder conventions = kind.Builder;
        Operation(group.MapGet(kindPath, context => gateway.ListAsync(context, kind)), GatewayOperation.List);
        Operation(group.MapPut(actorPath, context => gateway.SpawnAsync(context, kind)), GatewayOperation.Spawn);
        Operation(group.MapGet(actorPath, context => gateway.GetStateAsync(context, kind)), GatewayOperation.Read);
        Operation(group.MapMethods(actorPath, [HttpMethods.Head], context => gateway.ExistsAsync(context, kind)), GatewayOperation.Read, head: true);
        Operation(group.MapDelete(actorPath, context => gateway.KillAsync(context, kind)), GatewayOperation.Kill);
        foreach (string name in kind.Catalogue.Names)
        {
            kind.Catalogue.TryFind(name, out MessageDescriptor? message);
            Operation(group.MapPost(actorPath + "/" + name, context => gateway.SendAsync(context, kind, message!)), GatewayOperation.Send, message);
        }

        // Other methods on the kind's paths, and unknown messages: after the operations above (Order 1).
        conventions.ApplyKindConventions(group.Map(kindPath, context => GatewayRequests.MethodNotAllowedAsync(context, "GET"))
            .WithOrder(1).ExcludeFromDescription());
        conventions.ApplyKindConventions(group.Map(actorPath, context => GatewayRequests.MethodNotAllowedAsync(context, "GET, HEAD, PUT, DELETE"))
            .WithOrder(1).ExcludeFromDescription());
        conventions.ApplyKindConventions(group.Map(actorPath + "/{message}", context => GatewayRequests.UnknownMessageAsync(context, kind))
            .WithOrder(1).ExcludeFromDescription());

        void Operation(IEndpointConventionBuilder endpoint, GatewayOperation operation, MessageDescriptor? message = null, bool head = false)
        {
            conventions.ApplyTo(endpoint, operation);
            GatewayOpenApi.Describe(endpoint, kind, operation, message, head);
        }
    }
}

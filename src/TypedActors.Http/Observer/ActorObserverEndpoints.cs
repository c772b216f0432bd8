using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedActors.Http.Observer;

/// <summary>Maps the observer page of an actor system into an ASP.NET Core application.</summary>
public static class ActorObserverEndpoints
{
    // One observer per system: its handles and its place in the introspection channel belong to one page.
    private static readonly ConditionalWeakTable<ActorSystem, ObserverHub> s_hubs = new();

    /// <summary>
    /// Maps the observer page under <paramref name="prefix"/>: a live view of the system's actors by class, the
    /// supervision tree, the busiest mailboxes, dead letters and failures, and an actor's state on click. The page's
    /// files are embedded in this assembly. It shows what is for operators only (exception messages, stack traces,
    /// state), so put it behind a policy: <c>app.MapActorsObserver(system).RequireAuthorization("operators")</c>.
    /// Without one it answers only requests from the local machine (see <see cref="ActorObserverOptions.AllowAnonymousRemote"/>).
    /// Returns the route group of every observer endpoint, for such conventions.
    /// </summary>
    /// <exception cref="InvalidOperationException">An observer is already mapped for <paramref name="system"/>, or an option is out of range.</exception>
    public static RouteGroupBuilder MapActorsObserver(
        this IEndpointRouteBuilder endpoints, ActorSystem system, string prefix = "/observer", Action<ActorObserverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new ActorObserverOptions();
        configure?.Invoke(options);
        options.Validate();

        ILogger logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("TypedActors.Http.Observer") ?? NullLogger.Instance;
        var hub = new ObserverHub(system, options, logger);
        if (!s_hubs.TryAdd(system, hub))
        {
            throw new InvalidOperationException("An observer is already mapped for this actor system; map one observer per system.");
        }

        InstallResponder(system, hub, endpoints.ServiceProvider.GetService<IHostApplicationLifetime>());

        var requests = new ObserverRequests(hub, options);
        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        group.MapGet("/", requests.Guarded(requests.PageAsync)).ExcludeFromDescription();
        group.MapGet("/observer.js", requests.Guarded(context => ObserverRequests.AssetAsync(context, ObserverAssets.Script))).ExcludeFromDescription();
        group.MapGet("/charts.js", requests.Guarded(context => ObserverRequests.AssetAsync(context, ObserverAssets.Charts))).ExcludeFromDescription();
        group.MapGet("/observer.css", requests.Guarded(context => ObserverRequests.AssetAsync(context, ObserverAssets.Style))).ExcludeFromDescription();
        group.MapGet("/events", requests.Guarded(requests.EventsAsync)).ExcludeFromDescription();
        group.MapGet("/api/session", requests.Guarded(requests.SessionAsync)).ExcludeFromDescription();
        group.MapGet("/api/nodes/{node}/tree", requests.Guarded(requests.TreeAsync)).ExcludeFromDescription();
        group.MapGet("/api/nodes/{node}/actors/{handle}/state", requests.Guarded(requests.StateAsync)).ExcludeFromDescription();
        if (options.ActionsPolicy is { } policy)
        {
            group.MapPost("/api/nodes/{node}/actors/{handle}/stop", requests.Guarded(context => requests.ActAsync(context, ObserverOperation.Stop)))
                .RequireAuthorization(policy).ExcludeFromDescription();
            group.MapPost("/api/nodes/{node}/actors/{handle}/kill", requests.Guarded(context => requests.ActAsync(context, ObserverOperation.Kill)))
                .RequireAuthorization(policy).ExcludeFromDescription();
        }

        group.Map("/{**rest}", requests.Guarded(ObserverRequests.NotFoundAsync)).WithOrder(1).ExcludeFromDescription();

        return group;
    }

    /// <summary>
    /// Lets the pages of other processes of a cluster ask this one for its report and about its actors, through the
    /// system's introspection channel; one observer per system.
    /// </summary>
    private static void InstallResponder(ActorSystem system, ObserverHub hub, IHostApplicationLifetime? lifetime)
    {
        Introspection.IntrospectionResponder responder = async (bytes, cancellationToken) =>
        {
            ObserverAnswer answer = ObserverQuery.FromBytes(bytes) is { } query
                ? await hub.Local.RunAsync(query, cancellationToken).ConfigureAwait(false)
                : ObserverAnswer.Problem(400, "Bad query", "The query is not one this observer understands (another version?).");
            return answer.ToBytes();
        };

        system.Introspection.Responder = responder;
        lifetime?.ApplicationStopping.Register(() =>
        {
            if (system.Introspection.Responder == responder)
            {
                system.Introspection.Responder = null;
            }

            hub.Local.Dispose();
            s_hubs.Remove(system);
        });
    }

    /// <summary>The observer mapped for <paramref name="system"/>, if any.</summary>
    internal static ObserverHub? HubOf(ActorSystem system) => s_hubs.TryGetValue(system, out ObserverHub? hub) ? hub : null;
}

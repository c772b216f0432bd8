using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using TypedActors.Orleans;
using TypedActors.Orleans.Grains;
using TypedActors.Orleans.Introspection;

// The one exception to namespace-matches-folder: AddTypedActors sits next to the rest of TypedActors' setup, found by
// the same `using TypedActors;` in a silo's or client's startup code as services.AddTypedActors() of the hosting package.
#pragma warning disable IDE0130
namespace TypedActors;
#pragma warning restore IDE0130

/// <summary>Adds TypedActors to an Orleans silo or client.</summary>
public static class ClusterActorsHostingExtensions
{
    /// <summary>
    /// Hosts TypedActors on this silo: actors registered in <paramref name="configure"/> can be spawned here by any
    /// member of the cluster. Resolve <see cref="ClusterActorSystem"/> to spawn and reach actors.
    /// </summary>
    public static ISiloBuilder AddTypedActors(this ISiloBuilder builder, Action<ClusterActorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddServices(builder.Services, configure);

        ActorGrainDirectory.Add(builder);
        ClusterIntrospection.Add(builder);
        return builder;
    }

    /// <summary>
    /// Lets this Orleans client spawn and reach actors in the cluster. Register the same actor classes as on the silos
    /// (the client only needs them to type the references it reads).
    /// </summary>
    public static IClientBuilder AddTypedActors(this IClientBuilder builder, Action<ClusterActorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddServices(builder.Services, configure);
        return builder;
    }

    private static void AddServices(IServiceCollection services, Action<ClusterActorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ClusterActorsOptions();
        configure(options);
        services.AddTypedActors(options.ConfigureSystem);
        services.AddSingleton(provider => new ClusterNode(
            provider.GetRequiredService<ActorSystem>(),
            provider.GetRequiredService<IGrainFactory>(),
            options,
            provider.GetService<ILocalSiloDetails>()?.SiloAddress,
            provider.GetService<ILoggerFactory>()?.CreateLogger("TypedActors.Orleans") ?? NullLogger.Instance));
        services.AddSingleton(provider => new ClusterActorSystem(provider.GetRequiredService<ClusterNode>()));
        services.AddHostedService(provider => new ClusterNodeService(
            provider.GetRequiredService<ClusterNode>(), provider.GetService<IClusterMembershipService>()));
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TypedActors.Hosting;

namespace TypedActors;

/// <summary>Registers TypedActors with a .NET host.</summary>
public static class TypedActorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ActorSystem"/> as a singleton that starts with the host and shuts down gracefully when
    /// the host stops (within the host's shutdown timeout). Actors spawned with <c>Spawn&lt;T&gt;()</c> get their
    /// constructor parameters from the container; the system logs through the host's <see cref="ILoggerFactory"/> and
    /// publishes its metrics through the host's <see cref="IMeterFactory"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Adjusts the options after the host's defaults were applied.</param>
    public static IServiceCollection AddTypedActors(this IServiceCollection services, Action<ActorSystemOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new ActorSystemOptions
            {
                Services = provider,
                LoggerFactory = provider.GetService<ILoggerFactory>(),
                MeterFactory = provider.GetService<IMeterFactory>(),
                TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
            };
            configure?.Invoke(options);
            return new ActorSystem(options);
        });
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace TypedActors.Orleans.Introspection;

/// <summary>
/// Connects the introspection channel of each silo's actor system to the other silos, so that an observer page mapped
/// on any silo shows the actors of every silo (see docs/observer.md). Queries flow only while a page watches.
/// </summary>
internal static class ClusterIntrospection
{
    public static void Add(ISiloBuilder builder)
    {
        builder.AddGrainService<ClusterIntrospectionService>();
        builder.Services.AddSingleton<ClusterIntrospectionClient>();
        builder.Services.AddHostedService(provider => new Registration(
            provider.GetRequiredService<ActorSystem>(),
            () => new ClusterIntrospectionPeers(
                provider.GetRequiredService<IClusterMembershipService>(),
                provider.GetRequiredService<ClusterIntrospectionClient>(),
                provider.GetRequiredService<ILocalSiloDetails>().SiloAddress)));
    }

    /// <summary>Installs the silos as the system's peers while the host runs.</summary>
    private sealed class Registration(ActorSystem system, Func<ClusterIntrospectionPeers> create) : IHostedService
    {
        private ClusterIntrospectionPeers? _peers;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _peers = create();
            system.Introspection.Peers = _peers;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            if (ReferenceEquals(system.Introspection.Peers, _peers))
            {
                system.Introspection.Peers = null;
            }

            return Task.CompletedTask;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;
using TypedActors.Orleans;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Two in-process Orleans silos talking over loopback, each hosting TypedActors with <see cref="ClusterEcho"/>
/// registered and placed on the spawning silo, so a benchmark knows where each actor and grain lives.
/// </summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private TwoSiloCluster(TestCluster cluster) => _cluster = cluster;

    public static async Task<TwoSiloCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return new TwoSiloCluster(cluster);
    }

    public ClusterActorSystem Actors(int silo) => Services(silo).GetRequiredService<ClusterActorSystem>();

    public IGrainFactory Grains(int silo) => Services(silo).GetRequiredService<IGrainFactory>();

    /// <summary>Silo 0's reference to the actor named <paramref name="name"/>, spawned on <paramref name="silo"/>.</summary>
    public async Task<ActorRef<ClusterEcho>> EchoActorOn(int silo, string name)
    {
        await Actors(silo).SpawnOrGetAsync<ClusterEcho>(name);
        return await Actors(0).SpawnOrGetAsync<ClusterEcho>(name);
    }

    /// <summary>Silo 0's reference to the echo grain <paramref name="name"/>, activated on <paramref name="silo"/>.</summary>
    public async Task<TGrain> GrainOn<TGrain>(int silo, string name, Func<TGrain, Task> activate)
        where TGrain : IGrainWithStringKey
    {
        await activate(Grains(silo).GetGrain<TGrain>(name));
        return Grains(0).GetGrain<TGrain>(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private IServiceProvider Services(int silo) => ((InProcessSiloHandle)_cluster.Silos[silo]).SiloHost.Services;

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddTypedActors(actors =>
        {
            actors.Register<ClusterEcho>();
            actors.Placement = ActorPlacement.PreferLocal;
        });
    }
}

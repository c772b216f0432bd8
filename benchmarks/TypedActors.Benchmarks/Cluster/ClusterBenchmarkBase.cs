using BenchmarkDotNet.Attributes;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// What every cluster benchmark compares: an echo actor and a plain echo grain on silo 1 reached from silo 0, and an
/// echo actor of a local <see cref="ActorSystem"/>. Derived classes add their own targets in <see cref="SetUpMoreAsync"/>.
/// </summary>
[Config(typeof(ClusterBenchmarkConfig))]
public abstract class ClusterBenchmarkBase
{
    protected TwoSiloCluster Cluster { get; private set; } = null!;

    protected ActorRef<ClusterEcho> RemoteActor { get; private set; }

    protected IClusterEchoGrain RemoteGrain { get; private set; } = null!;

    protected ActorRef<ClusterEcho> LocalActor { get; private set; }

    private ActorSystem _local = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        Cluster = await TwoSiloCluster.StartAsync();
        RemoteActor = await Cluster.EchoActorOn(1, "remote");
        RemoteGrain = await Cluster.GrainOn<IClusterEchoGrain>(1, "remote", grain => grain.Echo(new ClusterPing(0)));
        _local = new ActorSystem();
        LocalActor = _local.Spawn<ClusterEcho>();
        await SetUpMoreAsync();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _local.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    protected virtual Task SetUpMoreAsync() => Task.CompletedTask;
}

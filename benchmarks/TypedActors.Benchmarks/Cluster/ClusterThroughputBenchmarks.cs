using BenchmarkDotNet.Attributes;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Throughput across silos: 100 requests in flight at once from silo 0 to one actor (or one plain grain) on silo 1,
/// awaited together, per request; and the same 100 asks to a local actor. The grain and the actor both handle one
/// request at a time, so this measures how well each pipelines requests, not parallel handlers.
/// </summary>
public class ClusterThroughputBenchmarks
{
    private const int InFlight = 100;
    private readonly Task[] _calls = new Task[InFlight];
    private TwoSiloCluster _cluster = null!;
    private ActorRef<ClusterEcho> _remoteActor;
    private IClusterEchoGrain _remoteGrain = null!;
    private ActorSystem _local = null!;
    private ActorRef<ClusterEcho> _localActor;

    [GlobalSetup]
    public async Task SetUp()
    {
        _cluster = await TwoSiloCluster.StartAsync();
        _remoteActor = await _cluster.EchoActorOn(1, "remote");
        _remoteGrain = await _cluster.GrainOn<IClusterEchoGrain>(1, "remote", grain => grain.Echo(new ClusterPing(0)));
        _local = new ActorSystem();
        _localActor = _local.Spawn<ClusterEcho>();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _local.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task OrleansGrainCallsCrossSilo()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = _remoteGrain.Echo(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task TypedActorsAsksCrossSilo()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = _remoteActor.Ask(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task TypedActorsAsksLocal()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = _localActor.Ask(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }
}

using BenchmarkDotNet.Attributes;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Throughput across silos: 100 requests in flight at once from silo 0 to one actor (or one plain grain) on silo 1,
/// awaited together, per request; and the same 100 asks to a local actor. The grain and the actor both handle one
/// request at a time, so this measures how well each pipelines requests, not parallel handlers.
/// </summary>
public class ClusterThroughputBenchmarks : ClusterBenchmarkBase
{
    private const int InFlight = 100;
    private readonly Task[] _calls = new Task[InFlight];

    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task OrleansGrainCallsCrossSilo()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = RemoteGrain.Echo(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task TypedActorsAsksCrossSilo()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = RemoteActor.Ask(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task TypedActorsAsksLocal()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = LocalActor.Ask(new ClusterPing(i));
        }

        return Task.WhenAll(_calls);
    }
}

using BenchmarkDotNet.Attributes;
using TypedActors.Introspection;

namespace TypedActors.Benchmarks.Observer;

/// <summary>
/// What one sample of the observer reads: <see cref="ActorIntrospection.Sample"/> over every live actor of a system
/// (the observer then aggregates the samples by class and picks the busiest). The observer takes one sample per
/// interval (1 s by default) while a page is connected, and none otherwise; times are per sample of the whole system.
/// </summary>
public class IntrospectionSampleBenchmarks
{
    private readonly List<ActorSample> _samples = [];
    private ActorSystem _system = null!;

    [Params(1_000, 100_000)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _system = new ActorSystem();
        for (int i = 0; i < Actors; i++)
        {
            _system.Spawn<IdleActor>();
        }
    }

    [GlobalCleanup]
    public Task CleanUp() => _system.DisposeAsync().AsTask();

    [Benchmark]
    public int SampleEveryActor()
    {
        ActorIntrospection.Sample(_system, _samples);
        return _samples.Count;
    }
}

/// <summary>An actor that only exists.</summary>
public partial class IdleActor : Actor
{
}

using BenchmarkDotNet.Attributes;
using Orleans;
using TypedActors.Benchmarks.Persistence;

namespace TypedActors.Benchmarks.Cluster;

/// <summary>
/// Durable state across silos, on one PostgreSQL server this process starts: from silo 0, an ask to a durable actor
/// on silo 1 that persists one event in its silo's <c>PostgresJournal</c> before it answers, against a plain Orleans
/// grain call to a grain on silo 1 that writes its state to Orleans' ADO.NET grain storage before it answers (the
/// baseline); then 100 of each in flight (tells followed by one ask for the actor, whose answer comes once every tell
/// before it is stored), per operation. Both write once per operation and handle one at a time.
/// </summary>
[Config(typeof(ClusterBenchmarkConfig))]
public class DurableClusterBenchmarks
{
    private const int InFlight = 100;
    private readonly Task[] _calls = new Task[InFlight];
    private TwoSiloCluster _cluster = null!;
    private ActorRef<DurableCounter> _actor;
    private IStoredCounterGrain _grain = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        string database = await BenchmarkJournals.FreshPostgresAsync("durable_cluster");
        _cluster = await TwoSiloCluster.StartAsync(database);
        await _cluster.Actors(1).SpawnPersistentAsync<DurableCounter>("counter"); // placed on silo 1, its spawner
        _actor = await _cluster.Actors(0).SpawnPersistentAsync<DurableCounter>("counter");
        _grain = await _cluster.GrainOn<IStoredCounterGrain>(1, "counter", grain => grain.Increment());
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _cluster.DisposeAsync();
        await BenchmarkJournals.StopServerAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> OrleansStoredGrainCallCrossSilo() => _grain.Increment();

    [Benchmark]
    public Task<int> TypedActorsDurableAskCrossSilo() => _actor.Ask(new IncrementCounter());

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task OrleansStoredGrainCallsInFlight()
    {
        for (int i = 0; i < InFlight; i++)
        {
            _calls[i] = _grain.Increment();
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task<int> TypedActorsDurableTellsThenAsk()
    {
        for (int i = 1; i < InFlight; i++)
        {
            _actor.Tell(new CountOne());
        }

        return _actor.Ask(new IncrementCounter());
    }
}

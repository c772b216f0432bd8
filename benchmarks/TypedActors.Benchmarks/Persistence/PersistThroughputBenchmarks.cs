using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Persistence;

using Akka.Actor;

/// <summary>
/// Durable events per second: actors that each persist an event, wait until it is stored (and applied, and the reply
/// sent), then persist the next; with one actor (every event waits for its own sync of the disk) and with 1,000 at once
/// (concurrent writes can share transactions and syncs). TypedActors on its SqliteJournal or PostgresJournal against
/// Akka.NET on Akka.Persistence.Sql, on the same store (<see cref="BenchmarkStore"/>), each a fresh database.
/// </summary>
[Config(typeof(Configuration))]
public class PersistThroughputBenchmarks
{
    private const int OneActorEvents = 200;
    private const int ManyActors = 1000;
    private const int EventsPerActor = 20;

    private TypedActorsJournal? _typed;
    private ActorRef<PersistentCounter>[] _counters = [];
    private ActorSystem? _akka;
    private IActorRef[] _akkaCounters = [];
    private long _next;

    [Params(BenchmarkStore.Sqlite, BenchmarkStore.PostgreSql)]
    public BenchmarkStore Store { get; set; }

    [GlobalSetup(Targets = [nameof(TypedActorsOneActor)])]
    public Task SetUpTypedActorsOne() => SetUpTypedActors(1);

    [GlobalSetup(Targets = [nameof(TypedActorsThousandActors)])]
    public Task SetUpTypedActorsMany() => SetUpTypedActors(ManyActors);

    [GlobalSetup(Targets = [nameof(AkkaNetOneActor)])]
    public Task SetUpAkkaOne() => SetUpAkka(1);

    [GlobalSetup(Targets = [nameof(AkkaNetThousandActors)])]
    public Task SetUpAkkaMany() => SetUpAkka(ManyActors);

    [GlobalCleanup]
    public async Task CleanUp()
    {
        if (_typed is not null)
        {
            await _typed.DisposeAsync();
        }

        if (_akka is not null)
        {
            await _akka.Terminate();
        }

        await BenchmarkJournals.StopServerAsync();
    }

    [Benchmark(OperationsPerInvoke = OneActorEvents)]
    public Task TypedActorsOneActor() => Deadline.Within(PersistTyped(OneActorEvents), "persisting from one actor");

    [Benchmark(OperationsPerInvoke = OneActorEvents)]
    public Task AkkaNetOneActor() => Deadline.Within(PersistAkka(OneActorEvents), "persisting from one actor");

    [Benchmark(OperationsPerInvoke = ManyActors * EventsPerActor)]
    public Task TypedActorsThousandActors() => Deadline.Within(PersistTyped(EventsPerActor), "persisting from 1,000 actors");

    [Benchmark(OperationsPerInvoke = ManyActors * EventsPerActor)]
    public Task AkkaNetThousandActors() => Deadline.Within(PersistAkka(EventsPerActor), "persisting from 1,000 actors");

    private async Task SetUpTypedActors(int actors)
    {
        _typed = await BenchmarkJournals.FreshTypedActorsAsync(Store, "typedactors-throughput");
        _counters = await Task.WhenAll(Enumerable.Range(0, actors).Select(i => _typed.System.SpawnPersistentAsync<PersistentCounter>($"counter-{i}")));
    }

    private async Task SetUpAkka(int actors)
    {
        _akka = await BenchmarkJournals.FreshAkkaAsync(Store, "akka-throughput");
        _akkaCounters = [.. Enumerable.Range(0, actors).Select(i => _akka.ActorOf(Props.Create(() => new AkkaPersistentCounter($"counter-{i}", 0))))];
        await Task.WhenAll(_akkaCounters.Select(c => c.Ask<AkkaTotal>(new AkkaGetTotal()))); // recovered and ready
    }

    private Task PersistTyped(int events) => Task.WhenAll(_counters.Select(async counter =>
    {
        for (int i = 0; i < events; i++)
        {
            await counter.Ask(new Increment(Interlocked.Increment(ref _next)));
        }
    }));

    private Task PersistAkka(int events) => Task.WhenAll(_akkaCounters.Select(async counter =>
    {
        for (int i = 0; i < events; i++)
        {
            await counter.Ask<AkkaDone>(new AkkaIncrement(Interlocked.Increment(ref _next)));
        }
    }));

    /// <summary>An invocation takes a tenth of a second to seconds: one invocation per iteration, few iterations.</summary>
    private sealed class Configuration : ManualConfig
    {
        public Configuration() =>
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(2).WithIterationCount(10).WithLaunchCount(1));
    }
}

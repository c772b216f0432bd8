using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Persistence;

using Akka.Actor;

/// <summary>
/// Recovery of one actor whose journal holds 1,000,000 events: from the events alone, and from the latest snapshot
/// (written every 1,000 events) plus the events after it. One operation is one recovered event, so the time per
/// operation is the inverse of events recovered per second. An invocation spawns the actor, waits until it answers
/// with its recovered total (checked), and stops it. The SQLite databases are filled once and kept between runs; a
/// PostgreSQL database lives as long as the server its benchmark process starts, so it is filled in each process's setup.
/// </summary>
[Config(typeof(Configuration))]
public class RecoveryBenchmarks
{
    private const int Events = 1_000_000;
    private const int Batch = 1000;
    private const long ExpectedTotal = (long)Events * (Events + 1) / 2;

    private TypedActorsJournal? _typed;
    private ActorSystem? _akka;

    [Params(false, true)]
    public bool Snapshots { get; set; }

    [Params(BenchmarkStore.Sqlite, BenchmarkStore.PostgreSql)]
    public BenchmarkStore Store { get; set; }

    [GlobalSetup(Targets = [nameof(TypedActors)])]
    public async Task SetUpTypedActors()
    {
        string name = $"typedactors-recovery-{(Snapshots ? "snapshots" : "events")}";
        string? database = null;
        bool ready = false;
        if (Store == BenchmarkStore.Sqlite)
        {
            database = BenchmarkDatabases.Kept(name, out ready);
            _typed = TypedActorsJournal.OnSqlite(database);
        }
        else
        {
            _typed = await BenchmarkJournals.FreshTypedActorsAsync(Store, name);
        }

        if (!ready)
        {
            if (Snapshots)
            {
                ActorRef<SnapshottingCounter> writer = await _typed.System.SpawnPersistentAsync<SnapshottingCounter>("recovered");
                await Fill(from => writer.Ask(new IncrementMany(from, Batch)));
                await Stop(writer.Address);
            }
            else
            {
                ActorRef<PersistentCounter> writer = await _typed.System.SpawnPersistentAsync<PersistentCounter>("recovered");
                await Fill(from => writer.Ask(new IncrementMany(from, Batch)));
                await Stop(writer.Address);
            }

            if (database is not null)
            {
                BenchmarkDatabases.MarkReady(database);
            }
        }
    }

    [GlobalSetup(Targets = [nameof(AkkaNet)])]
    public async Task SetUpAkka()
    {
        string name = $"akka-recovery-{(Snapshots ? "snapshots" : "events")}";
        string? database = null;
        bool ready = false;
        if (Store == BenchmarkStore.Sqlite)
        {
            database = BenchmarkDatabases.Kept(name, out ready);
            _akka = AkkaSql.OnSqlite(database);
        }
        else
        {
            _akka = await BenchmarkJournals.FreshAkkaAsync(Store, name);
        }

        if (!ready)
        {
            IActorRef writer = _akka.ActorOf(Props.Create(() => new AkkaPersistentCounter("recovered", Snapshots ? Batch : 0)));
            await Fill(from => writer.Ask<AkkaDone>(new AkkaIncrementMany(from, Batch), TimeSpan.FromMinutes(1)));
            await writer.GracefulStop(TimeSpan.FromMinutes(1));
            if (database is not null)
            {
                BenchmarkDatabases.MarkReady(database);
            }
        }
    }

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

    [Benchmark(OperationsPerInvoke = Events)]
    public Task TypedActors() => Deadline.Within(RecoverTyped(), "recovering 1,000,000 events");

    [Benchmark(OperationsPerInvoke = Events)]
    public Task AkkaNet() => Deadline.Within(RecoverAkka(), "recovering 1,000,000 events");

    private async Task RecoverTyped()
    {
        (long Count, long Total) state;
        global::TypedActors.Address address;
        if (Snapshots)
        {
            ActorRef<SnapshottingCounter> counter = await _typed!.System.SpawnPersistentAsync<SnapshottingCounter>("recovered");
            state = await counter.Ask(new GetTotal());
            address = counter.Address;
        }
        else
        {
            ActorRef<PersistentCounter> counter = await _typed!.System.SpawnPersistentAsync<PersistentCounter>("recovered");
            state = await counter.Ask(new GetTotal());
            address = counter.Address;
        }

        Check(state.Count, state.Total);
        await Stop(address);
    }

    private async Task RecoverAkka()
    {
        IActorRef counter = _akka!.ActorOf(Props.Create(() => new AkkaPersistentCounter("recovered", Snapshots ? Batch : 0)));
        AkkaTotal state = await counter.Ask<AkkaTotal>(new AkkaGetTotal(), TimeSpan.FromMinutes(1));
        Check(state.Count, state.Total);
        await counter.GracefulStop(TimeSpan.FromMinutes(1));
    }

    private static async Task Fill(Func<long, Task> appendBatch)
    {
        for (long from = 1; from <= Events; from += Batch)
        {
            await appendBatch(from);
        }
    }

    private static async Task Stop(global::TypedActors.Address actor)
    {
        actor.Stop();
        await actor.Completion;
    }

    private static void Check(long count, long total)
    {
        if (count != Events || total != ExpectedTotal)
        {
            throw new InvalidOperationException($"Recovered {count} events totalling {total}, not {Events} totalling {ExpectedTotal}.");
        }
    }

    private sealed class Configuration : ManualConfig
    {
        public Configuration() =>
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1));
    }
}

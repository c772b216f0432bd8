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
    public async Task SetUpTypedActors() =>
        _typed = await OpenFilledStore("typedactors", TypedActorsJournal.OnSqlite, name => BenchmarkJournals.FreshTypedActorsAsync(Store, name), FillTyped);

    [GlobalSetup(Targets = [nameof(AkkaNet)])]
    public async Task SetUpAkka() =>
        _akka = await OpenFilledStore("akka", AkkaSql.OnSqlite, name => BenchmarkJournals.FreshAkkaAsync(Store, name), FillAkka);

    /// <summary>
    /// The framework's journal holding the events to recover: a kept SQLite database, filled by the first run that
    /// needs it, or a fresh PostgreSQL database, filled now.
    /// </summary>
    private async Task<T> OpenFilledStore<T>(string framework, Func<string, T> onSqlite, Func<string, Task<T>> fresh, Func<T, Task> fill)
    {
        string name = $"{framework}-recovery-{(Snapshots ? "snapshots" : "events")}";
        if (Store != BenchmarkStore.Sqlite)
        {
            T store = await fresh(name);
            await fill(store);
            return store;
        }

        string database = BenchmarkDatabases.Kept(name, out bool ready);
        T kept = onSqlite(database);
        if (!ready)
        {
            await fill(kept);
            BenchmarkDatabases.MarkReady(database);
        }

        return kept;
    }

    private async Task FillTyped(TypedActorsJournal journal)
    {
        if (Snapshots)
        {
            ActorRef<SnapshottingCounter> writer = await journal.System.SpawnPersistentAsync<SnapshottingCounter>("recovered");
            await Fill(from => writer.Ask(new IncrementMany(from, Batch)));
            await Stop(writer.Address);
        }
        else
        {
            ActorRef<PersistentCounter> writer = await journal.System.SpawnPersistentAsync<PersistentCounter>("recovered");
            await Fill(from => writer.Ask(new IncrementMany(from, Batch)));
            await Stop(writer.Address);
        }
    }

    private async Task FillAkka(ActorSystem akka)
    {
        IActorRef writer = akka.ActorOf(Props.Create(() => new AkkaPersistentCounter("recovered", Snapshots ? Batch : 0)));
        await Fill(from => writer.Ask<AkkaDone>(new AkkaIncrementMany(from, Batch), TimeSpan.FromMinutes(1)));
        await writer.GracefulStop(TimeSpan.FromMinutes(1));
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

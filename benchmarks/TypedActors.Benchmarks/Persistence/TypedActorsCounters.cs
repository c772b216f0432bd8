using TypedActors.Persistence;
using TypedActors.Persistence.PostgreSql;
using TypedActors.Persistence.Sqlite;

namespace TypedActors.Benchmarks.Persistence;

public sealed record Increment(long Value);
public sealed record IncrementMany(long From, int Count);
public sealed record Incremented(long Value);
public sealed record GetTotal;

/// <summary>A persistent counter with no snapshots: every event is replayed on recovery.</summary>
[Persistent(SnapshotEvery = 0)]
public partial class PersistentCounter : Actor
{
    private long _count;
    private long _total;

    [Receive] Task On(Increment m) => Persist(new Incremented(m.Value));

    [Receive] Task On(IncrementMany m) => Persist(Enumerable.Range(0, m.Count).Select(i => (object)new Incremented(m.From + i)));

    [Receive] (long Count, long Total) On(GetTotal _) => (_count, _total);

    [Apply]
    void Apply(Incremented e)
    {
        _count++;
        _total += e.Value;
    }
}

/// <summary>The same counter with a snapshot every 1,000 events.</summary>
[Persistent(SnapshotEvery = 1000)]
public partial class SnapshottingCounter : Actor
{
    private long _count;
    private long _total;

    [Receive] Task On(IncrementMany m) => Persist(Enumerable.Range(0, m.Count).Select(i => (object)new Incremented(m.From + i)));

    [Receive] (long Count, long Total) On(GetTotal _) => (_count, _total);

    [Apply]
    void Apply(Incremented e)
    {
        _count++;
        _total += e.Value;
    }
}

/// <summary>A TypedActors system on the journal of one of the benchmarked stores.</summary>
public sealed class TypedActorsJournal : IAsyncDisposable
{
    private readonly IAsyncDisposable _journal;

    private TypedActorsJournal(IJournal journal, IAsyncDisposable disposable)
    {
        _journal = disposable;
        System = new ActorSystem(new ActorSystemOptions { Journal = journal });
    }

    public ActorSystem System { get; }

    /// <summary>A system on a <see cref="SqliteJournal"/> over the file <paramref name="database"/>.</summary>
    public static TypedActorsJournal OnSqlite(string database)
    {
        var journal = new SqliteJournal($"Data Source={database}");
        return new TypedActorsJournal(journal, journal);
    }

    /// <summary>A system on a <see cref="PostgresJournal"/> over the database of <paramref name="connectionString"/>.</summary>
    public static TypedActorsJournal OnPostgres(string connectionString)
    {
        var journal = new PostgresJournal(connectionString);
        return new TypedActorsJournal(journal, journal);
    }

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync().ConfigureAwait(false);
        await _journal.DisposeAsync().ConfigureAwait(false);
    }
}

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

/// <summary>A TypedActors system on a <see cref="SqliteJournal"/>.</summary>
public sealed class TypedActorsJournal : IAsyncDisposable
{
    public TypedActorsJournal(string database)
    {
        Journal = new SqliteJournal($"Data Source={database}");
        System = new ActorSystem(new ActorSystemOptions { Journal = Journal });
    }

    public SqliteJournal Journal { get; }

    public ActorSystem System { get; }

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync().ConfigureAwait(false);
        await Journal.DisposeAsync().ConfigureAwait(false);
    }
}

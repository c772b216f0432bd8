namespace TypedActors.Persistence.Tests;

public sealed record Record(int Value);
public sealed record RecordMany(int[] Values);
public sealed record RecordAndRead(int Value);
public sealed record Recorded(int Value);
public sealed record GetValues;
public sealed record GetAppliedSinceStart;
public sealed record Crash;
public sealed record PersistUnknown;
public sealed record Unapplied(int Value);

/// <summary>A persistent actor whose state is the list of values it recorded, in order: easy to compare with its events.</summary>
[Persistent(SnapshotEvery = 10)]
public partial class Ledger : Actor
{
    private readonly List<int> _values = [];

    [NotState] private int _appliedSinceStart; // not persisted: counts what this instance applied, recovery included

    [Receive] Task On(Record m) => Persist(new Recorded(m.Value));

    [Receive] Task On(RecordMany m) => Persist(m.Values.Select(v => (object)new Recorded(v)));

    [Receive]
    async Task<int[]> On(RecordAndRead m)
    {
        await Persist(new Recorded(m.Value));
        return [.. _values]; // after the await: the event is stored and applied
    }

    [Receive] int[] On(GetValues _) => [.. _values];

    [Receive] int On(GetAppliedSinceStart _) => _appliedSinceStart;

    [Receive] void On(Crash _) => throw new InvalidOperationException("crash requested by the test");

    [Receive] Task On(PersistUnknown _) => Persist((object)new Unapplied(1)); // typed as object: only the run-time check sees it

    [Apply]
    void Apply(Recorded e)
    {
        _values.Add(e.Value);
        _appliedSinceStart++;
    }
}

namespace TypedActors.Persistence.CrashApp;

public sealed record Add(long Value);
public sealed record GetState;
public sealed record Added(long Value);
public sealed record TallyState(long Count, long Sum, long Last, bool InOrder);

/// <summary>
/// Adds the values 1, 2, 3... in turn. Its state is a fold of its events that shows any event applied twice, missing
/// or out of order: count = last, sum = last (last + 1) / 2, and every value one more than the previous.
/// </summary>
[Persistent(SnapshotEvery = 100)]
public partial class Tally : Actor
{
    private long _count;
    private long _sum;
    private long _last;
    private bool _inOrder = true;

    [Receive] Task On(Add m) => Persist(new Added(m.Value));

    [Receive] TallyState On(GetState _) => new(_count, _sum, _last, _inOrder);

    [Apply]
    void Apply(Added e)
    {
        _inOrder &= e.Value == _last + 1;
        _count++;
        _sum += e.Value;
        _last = e.Value;
    }
}

using System.Collections.Immutable;

namespace TypedActors.Orleans.ClusterHost;

/// <summary>Appends a value to a ledger; the reply is how many values the ledger holds with it.</summary>
public sealed record Append(int Value);

/// <summary>Asks a ledger for its values and the silo that hosts it.</summary>
public sealed record ReadLedger;

/// <summary>A ledger's values, in the order they were stored, and the silo port of the process that answered.</summary>
public sealed record LedgerState(ImmutableArray<int> Values, int SiloPort);

/// <summary>Makes a ledger's handler fail with the <see cref="DeadActorException"/> of another actor, as an ask of it would.</summary>
public sealed record FailAsIfDead(Address Gone);

/// <summary>The event a ledger stores for each appended value.</summary>
public sealed record Appended(int Value);

/// <summary>The port of the silo this process runs, for actors that report where they live.</summary>
public sealed record SiloIdentity(int Port);

/// <summary>
/// A durable list of values: what the multi-process tests spawn with a persistence id, kill the silo of, and read back
/// from the silo that recovered it. Snapshots are off, so every recovery replays the whole stream.
/// </summary>
[Persistent(SnapshotEvery = 0)]
public partial class Ledger(SiloIdentity silo) : Actor
{
    [NotState]
    private readonly SiloIdentity _silo = silo;

    private ImmutableArray<int> _values = [];

    [Receive]
    public async Task<int> On(Append append)
    {
        await Persist(new Appended(append.Value));
        return _values.Length;
    }

    [Receive]
    public LedgerState On(ReadLedger request) => new(_values, _silo.Port);

    [Receive]
    public int On(FailAsIfDead request) => throw new DeadActorException(request.Gone, ExitReason.Normal);

    [Apply]
    private void Apply(Appended appended) => _values = _values.Add(appended.Value);
}

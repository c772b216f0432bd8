namespace TypedActors.Persistence.Tests;

/// <summary>
/// A journal that passes everything to a real one, and lets a test fail the next appends, hold replays at a gate,
/// and count what was replayed.
/// </summary>
internal sealed class ControlledJournal(IJournal inner) : IJournal, ISnapshotStore, IAsyncDisposable
{
    private readonly ISnapshotStore _snapshots = (ISnapshotStore)inner;
    private int _failAppends;
    private long _replayed;

    /// <summary>While set, a replay waits for this task before it starts.</summary>
    public Task? ReplayGate { get; set; }

    /// <summary>How many events replays have read.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>The next <paramref name="count"/> appends fail as a storage failure would, storing nothing.</summary>
    public void FailNextAppends(int count) => Volatile.Write(ref _failAppends, count);

    public ValueTask<PersistenceLease> AcquireAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.AcquireAsync(persistenceId, cancellationToken);

    public ValueTask ReleaseAsync(PersistenceLease lease, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(lease, cancellationToken);

    public ValueTask AppendAsync(PersistenceLease lease, long expectedSequenceNr, IReadOnlyList<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            int failing = Volatile.Read(ref _failAppends);
            if (failing == 0)
            {
                return inner.AppendAsync(lease, expectedSequenceNr, events, cancellationToken);
            }

            if (Interlocked.CompareExchange(ref _failAppends, failing - 1, failing) == failing)
            {
                return ValueTask.FromException(new PersistenceException(lease.PersistenceId, "disk I/O error (injected by the test)"));
            }
        }
    }

    public async ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IEventReplayConsumer consumer, CancellationToken cancellationToken = default)
    {
        if (ReplayGate is { } gate)
        {
            await gate;
        }

        return await inner.ReplayAsync(persistenceId, fromSequenceNr, new Counting(this, consumer), cancellationToken);
    }

    public ValueTask SaveAsync(PersistenceLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default) =>
        _snapshots.SaveAsync(lease, sequenceNr, snapshot, cancellationToken);

    public ValueTask<StoredSnapshot?> LoadAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _snapshots.LoadAsync(persistenceId, cancellationToken);

    public ValueTask DisposeAsync() => ((IAsyncDisposable)inner).DisposeAsync();

    private sealed class Counting(ControlledJournal journal, IEventReplayConsumer consumer) : IEventReplayConsumer
    {
        public void OnEvent(long sequenceNr, ReadOnlyMemory<byte> payload)
        {
            Interlocked.Increment(ref journal._replayed);
            consumer.OnEvent(sequenceNr, payload);
        }
    }
}

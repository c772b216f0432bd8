namespace TypedActors.Persistence;

/// <summary>
/// Where snapshots of persistent actors are kept: for each persistence id, its state as of one sequence number, so
/// that recovery applies only the events after it. A journal that can also hold snapshots implements this interface
/// too (<c>SqliteJournal</c> does), and is then used for both unless <see cref="ActorSystemOptions.SnapshotStore"/>
/// names another store.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Stores the snapshot of the lease's stream as of <paramref name="sequenceNr"/>, atomically, replacing an older
    /// one; a snapshot older than the one stored is ignored.
    /// </summary>
    /// <exception cref="PersistenceConflictException">The lease is no longer the stream's owner: nothing was stored.</exception>
    /// <exception cref="PersistenceException">The store failed.</exception>
    ValueTask SaveAsync(PersistenceLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot of <paramref name="persistenceId"/>, or null when it has none. Needs no lease.</summary>
    /// <exception cref="PersistenceException">The store failed.</exception>
    ValueTask<StoredSnapshot?> LoadAsync(string persistenceId, CancellationToken cancellationToken = default);
}

/// <summary>A snapshot read from an <see cref="ISnapshotStore"/>.</summary>
public sealed class StoredSnapshot
{
    /// <summary>Creates the snapshot.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequenceNr"/> is not positive.</exception>
    public StoredSnapshot(long sequenceNr, ReadOnlyMemory<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceNr);
        SequenceNr = sequenceNr;
        Data = data;
    }

    /// <summary>The sequence number of the last event the snapshot includes.</summary>
    public long SequenceNr { get; }

    /// <summary>The snapshot as it was saved.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}

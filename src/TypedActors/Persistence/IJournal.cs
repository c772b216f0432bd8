namespace TypedActors.Persistence;

/// <summary>
/// Where the events of persistent actors are stored: one stream of events per persistence id, numbered 1, 2, 3...
/// The seam for databases; <c>SqliteJournal</c> (package TypedActors.Persistence.Sqlite) is the embedded one. Every
/// implementation must pass the journal conformance suite (see docs/persistence.md).
/// </summary>
/// <remarks>
/// <para>
/// A stream has one writer at a time: <see cref="AcquireAsync"/> grants a <see cref="PersistenceLease"/> only when no
/// live owner holds the id, in this process or any other using the same store, and writes need the lease. Appends are
/// checked against the stream's last sequence number (optimistic concurrency), so two writers can never interleave
/// events even if a lease were granted twice.
/// </para>
/// <para>Implementations are thread-safe; many actors append concurrently.</para>
/// </remarks>
public interface IJournal
{
    /// <summary>
    /// Takes ownership of <paramref name="persistenceId"/>, creating its stream when it has none. A lease held by an
    /// owner that has died (its process ended) is taken over.
    /// </summary>
    /// <exception cref="PersistenceIdInUseException">A live owner holds the id.</exception>
    /// <exception cref="PersistenceException">The store failed.</exception>
    ValueTask<PersistenceLease> AcquireAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives up a lease; another owner may then acquire the id. Releasing a lease that was already released or taken
    /// over does nothing.
    /// </summary>
    ValueTask ReleaseAsync(PersistenceLease lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="events"/> atomically (all or none) as sequence numbers
    /// <paramref name="expectedSequenceNr"/> + 1, + 2, ..., and completes once they are durable. Concurrent appends
    /// of many streams may share one transaction and one sync of the store.
    /// </summary>
    /// <param name="lease">The caller's ownership of the stream.</param>
    /// <param name="expectedSequenceNr">The sequence number of the stream's last event, as the caller knows it (0 for none).</param>
    /// <param name="events">The serialized events, in order; at least one.</param>
    /// <param name="cancellationToken">Cancels waiting; the events may still have been stored.</param>
    /// <exception cref="PersistenceConflictException">
    /// The stream's last sequence number is not <paramref name="expectedSequenceNr"/>, or the lease is no longer the
    /// stream's owner: nothing was stored.
    /// </exception>
    /// <exception cref="PersistenceException">The store failed; nothing was stored, as far as the store could tell.</exception>
    ValueTask AppendAsync(
        PersistenceLease lease, long expectedSequenceNr, IReadOnlyList<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the events of <paramref name="persistenceId"/> from <paramref name="fromSequenceNr"/> on, in order, into
    /// <paramref name="consumer"/>, and returns the sequence number of the last one read (or
    /// <paramref name="fromSequenceNr"/> - 1 when there is none). Needs no lease.
    /// </summary>
    /// <exception cref="PersistenceException">The store failed.</exception>
    ValueTask<long> ReplayAsync(
        string persistenceId, long fromSequenceNr, IEventReplayConsumer consumer, CancellationToken cancellationToken = default);
}

/// <summary>Receives the events a journal replays, one at a time, in order.</summary>
public interface IEventReplayConsumer
{
    /// <summary>
    /// One stored event. <paramref name="payload"/> is valid only during the call (a journal may reuse its buffer for
    /// the next event). An exception thrown here ends the replay and is the replay's exception.
    /// </summary>
    void OnEvent(long sequenceNr, ReadOnlyMemory<byte> payload);
}

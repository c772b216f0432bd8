using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// The embedded journal: events and snapshots of persistent actors in one SQLite database file, so an application
/// needs no database server. <c>new ActorSystemOptions { Journal = new SqliteJournal("Data Source=bank.db") }</c>.
/// </summary>
/// <remarks>
/// <para>
/// Durable on acknowledgement: the database runs in WAL mode with <c>synchronous=FULL</c>, so an append completes only
/// after its transaction's WAL frames are synced to the disk. Concurrent appends of many actors share transactions
/// and syncs (group commit, on one writer thread).
/// </para>
/// <para>
/// One owner per persistence id, across processes: each journal instance holds a lock file next to the database
/// (<c>{database}.owners/</c>) for as long as it is open, and an id owned by a live instance is refused with
/// <see cref="PersistenceIdInUseException"/>. When a process dies, the operating system drops its lock and its ids are
/// taken over at once by the next process that asks. Appends and snapshots are fenced by the owner's epoch and checked
/// against the stream's last sequence number, so two writers never interleave events.
/// </para>
/// <para>
/// The database must be a file on a local disk, shared only by processes of one machine (as SQLite's WAL mode
/// requires). Dispose the journal when the application ends: it writes what is queued and releases its ids.
/// </para>
/// </remarks>
public sealed class SqliteJournal : IJournal, ISnapshotStore, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly OwnerLocks _owners;
    private readonly WriterLoop _writer;
    private readonly ConcurrentDictionary<string, SqliteLease> _held = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Opens (and creates, with its folder, when missing) the journal database named by <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a database file, e.g. <c>Data Source=bank.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string names no file (an in-memory or read-only database).</exception>
    public SqliteJournal(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException(
                "SqliteJournal needs a database file it can write (e.g. \"Data Source=bank.db\"), not an in-memory or read-only database.",
                nameof(connectionString));
        }

        DatabasePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = DatabasePath;
        _connectionString = builder.ToString();
        _owners = new OwnerLocks(DatabasePath);
        _writer = new WriterLoop(nameof(SqliteJournal), Open, static writer => writer.ReleaseAll());
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>How many transactions the writer has committed.</summary>
    internal long Commits => _writer.Commits;

    /// <inheritdoc />
    public ValueTask<PersistenceLease> AcquireAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        PersistenceIds.Validate(persistenceId);
        ThrowIfDisposed();
        Task<PersistenceLease> acquiring = _writer.Enqueue(new AcquireRequest(persistenceId));
        return cancellationToken.CanBeCanceled ? new(AcquireCancellablyAsync(acquiring, cancellationToken)) : new(acquiring);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(PersistenceLease lease, CancellationToken cancellationToken = default)
    {
        SqliteLease own = Own(lease);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return; // disposing released every id
        }

        Forget(own); // at once: this process may acquire the id again before the release is written
        await _writer.Enqueue(new ReleaseRequest(own)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(
        PersistenceLease lease, long expectedSequenceNr, IReadOnlyList<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken = default)
    {
        SqliteLease own = Own(lease);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSequenceNr);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append stores at least one event.", nameof(events));
        }

        ThrowIfDisposed();
        Task appending = _writer.Enqueue(new AppendRequest(own, expectedSequenceNr, [.. events]));
        return new ValueTask(cancellationToken.CanBeCanceled ? appending.WaitAsync(cancellationToken) : appending);
    }

    /// <inheritdoc />
    public async ValueTask<long> ReplayAsync(
        string persistenceId, long fromSequenceNr, IEventReplayConsumer consumer, CancellationToken cancellationToken = default)
    {
        PersistenceIds.Validate(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromSequenceNr);
        ArgumentNullException.ThrowIfNull(consumer);
        ThrowIfDisposed();
        await _writer.Ready.ConfigureAwait(false);
        return EventReader.Replay(_connectionString, persistenceId, fromSequenceNr, consumer, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(PersistenceLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        SqliteLease own = Own(lease);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceNr);
        ThrowIfDisposed();
        Task saving = _writer.Enqueue(new SaveSnapshotRequest(own, sequenceNr, snapshot.ToArray()));
        return new ValueTask(cancellationToken.CanBeCanceled ? saving.WaitAsync(cancellationToken) : saving);
    }

    /// <inheritdoc />
    public async ValueTask<StoredSnapshot?> LoadAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        PersistenceIds.Validate(persistenceId);
        ThrowIfDisposed();
        await _writer.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return EventReader.LoadSnapshot(_connectionString, persistenceId);
    }

    /// <summary>Writes what is queued, releases every id this journal owns, and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.StopAsync().ConfigureAwait(false);
        _writer.Dispose();
        _held.Clear();
        _owners.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection); // pooled readers keep the file open otherwise
    }

    /// <summary>See <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => $"SqliteJournal '{DatabasePath}'";

    /// <summary>Records a lease the writer is granting (in its transaction; undone if that rolls back).</summary>
    internal SqliteLease Hold(string persistenceId, long epoch, long streamId)
    {
        var lease = new SqliteLease(persistenceId, epoch, streamId, this);
        _held[persistenceId] = lease;
        return lease;
    }

    internal bool IsHeld(string persistenceId) => _held.ContainsKey(persistenceId);

    internal void Forget(SqliteLease lease) => _held.TryRemove(KeyValuePair.Create(lease.PersistenceId, lease));

    private JournalWriter Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _owners.Open();
        return new JournalWriter(this, _connectionString, _owners);
    }

    private async Task<PersistenceLease> AcquireCancellablyAsync(Task<PersistenceLease> acquiring, CancellationToken cancellationToken)
    {
        try
        {
            return await acquiring.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!acquiring.IsCompleted)
        {
            // The caller gave up, but the acquisition goes on: a lease granted to nobody is given back.
            _ = acquiring.ContinueWith(
                static (granted, journal) => ((SqliteJournal)journal!).ReleaseAsync(granted.Result).AsTask(),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }

    private SqliteLease Own(PersistenceLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease is SqliteLease own && ReferenceEquals(own.Journal, this)
            ? own
            : throw new ArgumentException($"The {lease} was not granted by {this}.", nameof(lease));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

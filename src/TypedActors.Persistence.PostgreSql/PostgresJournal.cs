using System.Collections.Concurrent;
using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// The server journal: events and snapshots of persistent actors in PostgreSQL, shared by every process (on any
/// machine) that uses the same database. <c>new ActorSystemOptions { Journal = new PostgresJournal(connectionString) }</c>.
/// </summary>
/// <remarks>
/// <para>
/// Durable on acknowledgement: an append completes once PostgreSQL has committed it (durable as the server's
/// <c>synchronous_commit</c> setting makes commits; on by default). Its events are stored all or none. Appends of one
/// persistence id run in call order; appends of different ids that wait at the same time are sent together, in one
/// round trip and one transaction, so they share one WAL flush (group commit), each still stored all or none.
/// </para>
/// <para>
/// One owner per persistence id, across processes and machines: each journal instance is an owner whose session holds
/// a PostgreSQL advisory lock for as long as it is open, and an id owned by a live instance is refused with
/// <see cref="PersistenceIdInUseException"/>. When a process dies its connection closes, the server drops the lock,
/// and its ids are taken over by the next journal that asks. Appends and snapshots are fenced by the owner's epoch and
/// checked against the stream's last sequence number, so two writers never interleave events.
/// </para>
/// <para>
/// The journal starts on first use (or <see cref="StartAsync"/>): it connects, creates its tables unless
/// <see cref="PostgresJournalOptions.CreateSchema"/> is false, and takes its owner lock. Dispose it when the application
/// ends: it waits for pending writes and releases its ids.
/// </para>
/// </remarks>
public sealed class PostgresJournal : IJournal, ISnapshotStore, IAsyncDisposable, IDisposable
{
    private readonly PostgresJournalOptions _options;
    private readonly PostgresSchema _schema;
    private readonly NpgsqlDataSource _source;
    private readonly AppendBatcher _appends;
    private readonly JournalCommands _commands;
    private readonly string _name;
    private readonly ConcurrentDictionary<string, PostgresLease> _held = new(StringComparer.Ordinal);
    private readonly object _startGate = new();
    private Task<OwnerSession>? _starting;
    private int _disposed;

    /// <summary>A journal on the database named by <paramref name="connectionString"/>, its tables in schema <c>public</c>.</summary>
    /// <exception cref="ArgumentException">The connection string is missing or malformed.</exception>
    public PostgresJournal(string connectionString)
        : this(new PostgresJournalOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>A journal as <paramref name="options"/> say (copied: later changes to them do not apply).</summary>
    /// <exception cref="ArgumentException">An option is missing or malformed (see <see cref="PostgresJournalOptions.Validate"/>).</exception>
    public PostgresJournal(PostgresJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy();
        _schema = new PostgresSchema(_options.Schema);
        _source = NpgsqlDataSource.Create(_options.ConnectionString);
        _appends = new AppendBatcher(_source, _schema);
        _commands = new JournalCommands(_source, _schema, this, _appends);
        var target = new NpgsqlConnectionStringBuilder(_options.ConnectionString);
        _name = $"PostgresJournal (host '{target.Host}', database '{target.Database}', schema '{Schema}')"; // never the password
    }

    /// <summary>The schema that holds the journal's tables.</summary>
    public string Schema => _options.Schema;

    /// <summary>
    /// Creates the journal's schema and tables on the database if they are missing (what a journal does when it starts
    /// with <see cref="PostgresJournalOptions.CreateSchema"/> true): for deployments that create them with a
    /// privileged user beforehand. Safe to run concurrently and again.
    /// </summary>
    /// <exception cref="ArgumentException">An option is missing or malformed.</exception>
    /// <exception cref="NpgsqlException">The database refused or could not be reached.</exception>
    public static async Task CreateSchemaAsync(PostgresJournalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        await using NpgsqlDataSource source = NpgsqlDataSource.Create(options.ConnectionString);
        await CreateAsync(source, new PostgresSchema(options.Schema), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects, creates or checks the tables, and takes this journal's owner lock; every operation does this first
    /// when it has not been done. Call it at startup to learn of a wrong connection string or a missing schema then.
    /// </summary>
    /// <exception cref="PersistenceException">The database could not be reached, or its tables are missing (with CreateSchema false).</exception>
    /// <exception cref="NotSupportedException">The tables were created by a newer version of this package.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Owner().WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<PersistenceLease> AcquireAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        PersistenceIds.Validate(persistenceId);
        ThrowIfDisposed();
        OwnerSession owner = await Owner().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (owner.Lost)
        {
            throw new PersistenceException(
                persistenceId,
                $"{this} lost its database session, and with it the ownership of its persistence ids: dispose it and open a new journal.");
        }

        return await _commands.AcquireAsync(persistenceId, owner.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(PersistenceLease lease, CancellationToken cancellationToken = default)
    {
        PostgresLease own = Own(lease);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return; // disposing released every id
        }

        Forget(own); // at once: this process may acquire the id again before the release is written
        OwnerSession owner = await Owner().ConfigureAwait(false);
        await own.After(() => _commands.ReleaseAsync(own, owner.Id)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(
        PersistenceLease lease, long expectedSequenceNr, IReadOnlyList<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken = default)
    {
        PostgresLease own = Own(lease);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSequenceNr);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append stores at least one event.", nameof(events));
        }

        ThrowIfDisposed();
        ReadOnlyMemory<byte>[] batch = [.. events];
        Task appending = own.After(async () =>
        {
            OwnerSession owner = await Owner().ConfigureAwait(false);
            await _commands.AppendAsync(own, owner.Id, expectedSequenceNr, batch).ConfigureAwait(false);
        });
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
        await Owner().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _commands.ReplayAsync(persistenceId, fromSequenceNr, consumer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(PersistenceLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        PostgresLease own = Own(lease);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceNr);
        ThrowIfDisposed();
        byte[] data = snapshot.ToArray();
        Task saving = own.After(async () =>
        {
            OwnerSession owner = await Owner().ConfigureAwait(false);
            await _commands.SaveSnapshotAsync(own, owner.Id, sequenceNr, data).ConfigureAwait(false);
        });
        return new ValueTask(cancellationToken.CanBeCanceled ? saving.WaitAsync(cancellationToken) : saving);
    }

    /// <inheritdoc />
    public async ValueTask<StoredSnapshot?> LoadAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        PersistenceIds.Validate(persistenceId);
        ThrowIfDisposed();
        await Owner().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _commands.LoadSnapshotAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for pending writes, releases every id this journal owns, ends its owner session and closes its connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Task<OwnerSession>? starting;
        lock (_startGate)
        {
            starting = _starting;
        }

        if (starting is not null)
        {
            await Task.WhenAll(_held.Values.Select(lease => lease.Tail)).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            _held.Clear();
            if (starting.IsCompletedSuccessfully || await Task.WhenAny(starting).ConfigureAwait(false) is { IsCompletedSuccessfully: true })
            {
                OwnerSession owner = starting.Result;
                try
                {
                    await _commands.ReleaseAllAsync(owner.Id).ConfigureAwait(false);
                }
                catch (NpgsqlException)
                {
                    // The ids are freed anyway: ending the owner session below makes this owner dead to every other journal.
                }

                await owner.DisposeAsync().ConfigureAwait(false);
            }
        }

        await _appends.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>See <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => _name;

    /// <summary>Records a lease being granted (before its transaction commits; forgotten if that fails).</summary>
    internal PostgresLease Hold(string persistenceId, long epoch, long streamId)
    {
        var lease = new PostgresLease(persistenceId, epoch, streamId, this);
        _held[persistenceId] = lease;
        return lease;
    }

    internal bool IsHeld(string persistenceId) => _held.ContainsKey(persistenceId);

    internal void Forget(PostgresLease lease) => _held.TryRemove(KeyValuePair.Create(lease.PersistenceId, lease));

    private Task<OwnerSession> Owner()
    {
        lock (_startGate)
        {
            // A failed start is tried again by the next call: the database may have been unreachable for a moment.
            if (_starting is null || _starting.IsFaulted || _starting.IsCanceled)
            {
                _starting = StartCoreAsync();
            }

            return _starting;
        }
    }

    private async Task<OwnerSession> StartCoreAsync()
    {
        try
        {
            if (_options.CreateSchema)
            {
                await CreateAsync(_source, _schema, CancellationToken.None).ConfigureAwait(false);
            }

            await CheckVersionAsync().ConfigureAwait(false);
            return await OwnerSession.OpenAsync(_options.ConnectionString, _schema, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
        {
            throw new PersistenceException("", $"{this} could not start: {exception.Message}", exception);
        }
    }

    private async Task CheckVersionAsync()
    {
        object? found;
        try
        {
            await using NpgsqlCommand version = _source.CreateCommand(_schema.ReadVersion);
            found = await version.ExecuteScalarAsync().ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PersistenceException(
                "",
                $"{this} found no journal tables in schema '{Schema}'. Create them with PostgresJournal.CreateSchemaAsync, or set PostgresJournalOptions.CreateSchema.",
                exception);
        }

        if (found is int stored && stored > PostgresSchema.Version)
        {
            throw new NotSupportedException(
                $"The journal tables in schema '{Schema}' have version {stored}; this version of TypedActors.Persistence.PostgreSql reads version {PostgresSchema.Version} and older.");
        }
    }

    private static async Task CreateAsync(NpgsqlDataSource source, PostgresSchema schema, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(schema.Create, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private PostgresLease Own(PersistenceLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease is PostgresLease own && ReferenceEquals(own.Journal, this)
            ? own
            : throw new ArgumentException($"The {lease} was not granted by {this}.", nameof(lease));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// The statements of the one writer connection, prepared once and run by the writer loop inside its transactions.
/// Each returns a refusal (conflict, id in use) as a value and lets store failures throw, so that one refused request
/// does not roll back the others of its transaction.
/// </summary>
internal sealed class JournalWriter : IDisposable
{
    private readonly SqliteJournal _journal;
    private readonly OwnerLocks _owners;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _findStream;
    private readonly SqliteCommand _insertStream;
    private readonly SqliteCommand _takeStream;
    private readonly SqliteCommand _releaseStream;
    private readonly SqliteCommand _advanceStream;
    private readonly SqliteCommand _readStream;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _checkOwner;
    private readonly SqliteCommand _saveSnapshot;

    // Transactions by statement rather than SqliteTransaction, so the prepared commands need no transaction object each time.
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;

    public JournalWriter(SqliteJournal journal, string connectionString, OwnerLocks owners)
    {
        _journal = journal;
        _owners = owners;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Run("PRAGMA journal_mode = WAL;");
        Run("PRAGMA synchronous = FULL;"); // every commit syncs the WAL: acknowledged means on disk
        Run(JournalSchema.Create);
        using (SqliteCommand version = Command(JournalSchema.ReadVersion))
        {
            long found = Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (found > JournalSchema.Version)
            {
                throw new NotSupportedException(
                    $"The journal database has schema version {found}; this version of TypedActors.Persistence.Sqlite reads version {JournalSchema.Version} and older.");
            }
        }

        _findStream = Command(JournalSchema.FindStream, "$pid");
        _insertStream = Command(JournalSchema.InsertStream, "$pid", "$owner");
        _takeStream = Command(JournalSchema.TakeStream, "$owner", "$id");
        _releaseStream = Command(JournalSchema.ReleaseStream, "$id", "$owner", "$epoch");
        _advanceStream = Command(JournalSchema.AdvanceStream, "$last", "$id", "$expected", "$owner", "$epoch");
        _readStream = Command(JournalSchema.ReadStream, "$id");
        _insertEvent = Command(JournalSchema.InsertEvent, "$id", "$seq", "$payload");
        _checkOwner = Command(JournalSchema.CheckOwner, "$id", "$owner", "$epoch");
        _saveSnapshot = Command(JournalSchema.SaveSnapshot, "$id", "$seq", "$data");
        _begin = Command("BEGIN IMMEDIATE;");
        _commit = Command("COMMIT;");
        _rollback = Command("ROLLBACK;");
    }

    /// <summary>Begins a transaction that holds the database's write lock from the start (waiting for another process's).</summary>
    public void Begin() => _begin.ExecuteNonQuery();

    /// <summary>Commits: with synchronous=FULL in WAL mode, the WAL is synced before this returns.</summary>
    public void Commit() => _commit.ExecuteNonQuery();

    public void Rollback()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0) // a failed COMMIT may have ended it already
        {
            _rollback.ExecuteNonQuery();
        }
    }

    public (SqliteLease? Lease, Exception? Refusal) Acquire(string persistenceId)
    {
        _findStream.Parameters[0].Value = persistenceId;
        long streamId;
        string? owner;
        using (SqliteDataReader found = _findStream.ExecuteReader())
        {
            if (!found.Read())
            {
                _insertStream.Parameters[0].Value = persistenceId;
                _insertStream.Parameters[1].Value = _owners.Id;
                found.Close();
                streamId = Convert.ToInt64(_insertStream.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                return (_journal.Hold(persistenceId, epoch: 1, streamId), null);
            }

            streamId = found.GetInt64(0);
            owner = found.IsDBNull(1) ? null : found.GetString(1);
        }

        if (_journal.IsHeld(persistenceId))
        {
            return (null, new PersistenceIdInUseException(persistenceId, "another actor of this process"));
        }

        if (owner is not null && owner != _owners.Id && _owners.IsAlive(owner))
        {
            return (null, new PersistenceIdInUseException(persistenceId, "another live process or journal on the same database"));
        }

        _takeStream.Parameters[0].Value = _owners.Id;
        _takeStream.Parameters[1].Value = streamId;
        long epoch = Convert.ToInt64(_takeStream.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return (_journal.Hold(persistenceId, epoch, streamId), null);
    }

    public void Release(SqliteLease lease)
    {
        _releaseStream.Parameters[0].Value = lease.StreamId;
        _releaseStream.Parameters[1].Value = _owners.Id;
        _releaseStream.Parameters[2].Value = lease.Epoch;
        _releaseStream.ExecuteNonQuery();
    }

    public PersistenceConflictException? Append(SqliteLease lease, long expected, ReadOnlyMemory<byte>[] events)
    {
        _advanceStream.Parameters[0].Value = expected + events.Length;
        _advanceStream.Parameters[1].Value = lease.StreamId;
        _advanceStream.Parameters[2].Value = expected;
        _advanceStream.Parameters[3].Value = _owners.Id;
        _advanceStream.Parameters[4].Value = lease.Epoch;
        if (_advanceStream.ExecuteNonQuery() != 1)
        {
            return Conflict(lease, expected);
        }

        _insertEvent.Parameters[0].Value = lease.StreamId;
        for (int i = 0; i < events.Length; i++)
        {
            _insertEvent.Parameters[1].Value = expected + i + 1;
            _insertEvent.Parameters[2].Value = Bytes(events[i]);
            _insertEvent.ExecuteNonQuery();
        }

        return null;
    }

    public PersistenceConflictException? SaveSnapshot(SqliteLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot)
    {
        _checkOwner.Parameters[0].Value = lease.StreamId;
        _checkOwner.Parameters[1].Value = _owners.Id;
        _checkOwner.Parameters[2].Value = lease.Epoch;
        if (Convert.ToInt64(_checkOwner.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            return LeaseLost(lease);
        }

        _saveSnapshot.Parameters[0].Value = lease.StreamId;
        _saveSnapshot.Parameters[1].Value = sequenceNr;
        _saveSnapshot.Parameters[2].Value = Bytes(snapshot);
        _saveSnapshot.ExecuteNonQuery();
        return null;
    }

    /// <summary>Gives up every stream this owner holds (when the journal is disposed).</summary>
    public void ReleaseAll()
    {
        using SqliteCommand release = Command(JournalSchema.ReleaseAll, "$owner");
        release.Parameters[0].Value = _owners.Id;
        release.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in new[] { _findStream, _insertStream, _takeStream, _releaseStream, _advanceStream, _readStream, _insertEvent, _checkOwner, _saveSnapshot, _begin, _commit, _rollback })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private PersistenceConflictException Conflict(SqliteLease lease, long expected)
    {
        _readStream.Parameters[0].Value = lease.StreamId;
        using SqliteDataReader stream = _readStream.ExecuteReader();
        if (!stream.Read() || stream.IsDBNull(1) || stream.GetString(1) != _owners.Id || stream.GetInt64(2) != lease.Epoch)
        {
            return LeaseLost(lease);
        }

        return new PersistenceConflictException(
            lease.PersistenceId,
            $"The stream of '{lease.PersistenceId}' ends at event {stream.GetInt64(0)}, not at {expected} as the writer expected: another writer appended to it. Nothing was stored.");
    }

    private static PersistenceConflictException LeaseLost(SqliteLease lease) => new(
        lease.PersistenceId,
        $"The {lease} is no longer the owner of '{lease.PersistenceId}' (it was released, or taken over after its owner was found dead). Nothing was stored.");

    private static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private void Run(string sql)
    {
        using SqliteCommand command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}

using System.Buffers;
using System.Data;
using System.Runtime.InteropServices;
using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// The journal's statements, each on a pooled connection of its own. An append is one statement, sent with the other
/// appends waiting at the same time (<see cref="AppendBatcher"/>); a snapshot is one statement (one round trip, its own
/// transaction); an acquisition is one short transaction that locks the stream row. Refusals
/// (conflicts, an id in use) are typed exceptions; store failures become <see cref="PersistenceException"/>.
/// </summary>
internal sealed class JournalCommands(NpgsqlDataSource source, PostgresSchema schema, PostgresJournal journal, AppendBatcher appends)
{
    public async Task<PersistenceLease> AcquireAsync(string persistenceId, int owner, CancellationToken cancellationToken)
    {
        PostgresLease? granted = null;
        try
        {
            await using NpgsqlConnection connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long streamId;
            await using (var find = new NpgsqlBatch(connection, transaction))
            {
                find.BatchCommands.Add(Command(schema.EnsureStream, ("pid", persistenceId)));
                find.BatchCommands.Add(Command(schema.LockStream, ("pid", persistenceId)));
                await using NpgsqlDataReader row = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (row.FieldCount == 0)
                {
                    await row.NextResultAsync(cancellationToken).ConfigureAwait(false); // past the insert's empty result
                }

                await row.ReadAsync(cancellationToken).ConfigureAwait(false);
                streamId = row.GetInt64(0);
                int? current = row.IsDBNull(1) ? null : row.GetInt32(1);
                bool alive = row.GetBoolean(2);
                if (current == owner && journal.IsHeld(persistenceId))
                {
                    throw new PersistenceIdInUseException(persistenceId, "another actor of this process");
                }

                if (current is not null && current != owner && alive)
                {
                    throw new PersistenceIdInUseException(persistenceId, $"journal owner {current}, a live session on the same database");
                }
            }

            await using var take = new NpgsqlCommand(schema.TakeStream, connection, transaction);
            take.Parameters.AddWithValue("owner", owner);
            take.Parameters.AddWithValue("id", streamId);
            long epoch = (long)(await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

            // Held before the commit, so that a second acquisition in this process, waiting for the row, sees it.
            granted = journal.Hold(persistenceId, epoch, streamId);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return granted;
        }
        catch (Exception exception) when (exception is not PersistenceIdInUseException)
        {
            if (granted is not null)
            {
                journal.Forget(granted);
            }

            throw Failure(exception, persistenceId, "acquire");
        }
    }

    public async Task ReleaseAsync(PostgresLease lease, int owner)
    {
        try
        {
            await using NpgsqlCommand release = source.CreateCommand(schema.ReleaseStream);
            release.Parameters.AddWithValue("id", lease.StreamId);
            release.Parameters.AddWithValue("owner", owner);
            release.Parameters.AddWithValue("epoch", lease.Epoch);
            await release.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Failure(exception, lease.PersistenceId, "release");
        }
    }

    public async Task ReleaseAllAsync(int owner)
    {
        await using NpgsqlCommand release = source.CreateCommand(schema.ReleaseAll);
        release.Parameters.AddWithValue("owner", owner);
        await release.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task AppendAsync(PostgresLease lease, int owner, long expected, ReadOnlyMemory<byte>[] events)
    {
        int inserted;
        try
        {
            byte[][] payloads = new byte[events.Length][];
            for (int i = 0; i < events.Length; i++)
            {
                payloads[i] = Bytes(events[i]);
            }

            inserted = await appends.AppendAsync(lease, owner, expected, payloads).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Failure(exception, lease.PersistenceId, "append to");
        }

        if (inserted != events.Length)
        {
            throw await RefusalAsync(lease, owner, expected).ConfigureAwait(false);
        }
    }

    public async Task SaveSnapshotAsync(PostgresLease lease, int owner, long sequenceNr, byte[] snapshot)
    {
        try
        {
            await using NpgsqlCommand save = source.CreateCommand(schema.SaveSnapshot);
            save.Parameters.AddWithValue("seq", sequenceNr);
            save.Parameters.AddWithValue("data", snapshot);
            save.Parameters.AddWithValue("id", lease.StreamId);
            save.Parameters.AddWithValue("owner", owner);
            save.Parameters.AddWithValue("epoch", lease.Epoch);
            if (await save.ExecuteNonQueryAsync().ConfigureAwait(false) == 1)
            {
                return;
            }
        }
        catch (Exception exception)
        {
            throw Failure(exception, lease.PersistenceId, "save the snapshot of");
        }

        // Nothing written: an older snapshot than the stored one (ignored, as the contract says), or a lost lease.
        (_, int? current, long epoch) = await ReadStreamAsync(lease).ConfigureAwait(false);
        if (current != owner || epoch != lease.Epoch)
        {
            throw LeaseLost(lease);
        }
    }

    public async Task<long> ReplayAsync(string persistenceId, long fromSequenceNr, IEventReplayConsumer consumer, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        long last = fromSequenceNr - 1;
        try
        {
            await using NpgsqlCommand read = source.CreateCommand(schema.ReadEvents);
            read.Parameters.AddWithValue("pid", persistenceId);
            read.Parameters.AddWithValue("from", fromSequenceNr);
            await using NpgsqlDataReader rows = await read.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long sequenceNr = rows.GetInt64(0);
                int length = checked((int)rows.GetBytes(1, 0, null, 0, 0));
                if (length > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                rows.GetBytes(1, 0, buffer, 0, length);
                consumer.OnEvent(sequenceNr, buffer.AsMemory(0, length));
                last = sequenceNr;
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException)
        {
            // Only the store's failures: what the consumer throws ends the replay as it is.
            throw Failure(exception, persistenceId, "read the events of");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return last;
    }

    public async Task<StoredSnapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlCommand read = source.CreateCommand(schema.ReadSnapshot);
            read.Parameters.AddWithValue("pid", persistenceId);
            await using NpgsqlDataReader row = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? new StoredSnapshot(row.GetInt64(0), row.GetFieldValue<byte[]>(1)) : null;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException)
        {
            throw Failure(exception, persistenceId, "read the snapshot of");
        }
    }

    private async Task<PersistenceConflictException> RefusalAsync(PostgresLease lease, int owner, long expected)
    {
        (long lastSeq, int? current, long epoch) = await ReadStreamAsync(lease).ConfigureAwait(false);
        return current != owner || epoch != lease.Epoch
            ? LeaseLost(lease)
            : new PersistenceConflictException(
                lease.PersistenceId,
                $"The stream of '{lease.PersistenceId}' ends at event {lastSeq}, not at {expected} as the writer expected: another writer appended to it. Nothing was stored.");
    }

    private async Task<(long LastSeq, int? Owner, long Epoch)> ReadStreamAsync(PostgresLease lease)
    {
        try
        {
            await using NpgsqlCommand read = source.CreateCommand(schema.ReadStream);
            read.Parameters.AddWithValue("id", lease.StreamId);
            await using NpgsqlDataReader row = await read.ExecuteReaderAsync().ConfigureAwait(false);
            return await row.ReadAsync().ConfigureAwait(false)
                ? (row.GetInt64(0), row.IsDBNull(1) ? null : row.GetInt32(1), row.GetInt64(2))
                : (0, null, 0);
        }
        catch (Exception exception)
        {
            throw Failure(exception, lease.PersistenceId, "read the stream of");
        }
    }

    private static PersistenceConflictException LeaseLost(PostgresLease lease) => new(
        lease.PersistenceId,
        $"The {lease} is no longer the owner of '{lease.PersistenceId}' (it was released, or taken over after its owner was found dead). Nothing was stored.");

    /// <summary>A store failure as the seam reports it; cancellation and refusals pass through.</summary>
    private static Exception Failure(Exception exception, string persistenceId, string action) => exception switch
    {
        OperationCanceledException or PersistenceException or ArgumentException => exception,
        _ => new PersistenceException(persistenceId, $"The PostgreSQL journal could not {action} '{persistenceId}': {exception.Message}", exception),
    };

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}

using System.Buffers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// Reads a stream's events and snapshot on a connection of its own: in WAL mode readers see every committed
/// transaction and never wait for the writer. Event payloads are copied into one reused buffer, so a replay of a
/// million events allocates next to nothing.
/// </summary>
internal static class EventReader
{
    public static long Replay(string connectionString, string persistenceId, long fromSequenceNr, IEventReplayConsumer consumer, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        long last = fromSequenceNr - 1;
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = JournalSchema.ReadEvents;
            command.Parameters.AddWithValue("$pid", persistenceId);
            command.Parameters.AddWithValue("$from", fromSequenceNr);
            using SqliteDataReader rows = command.ExecuteReader();
            while (rows.Read())
            {
                if ((last & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                long sequenceNr = rows.GetInt64(0);

                // The payload straight from the statement: GetBytes and GetStream look up the column's table metadata
                // on every call to try incremental blob I/O, which costs more than the rest of a replay together.
                ReadOnlySpan<byte> payload = raw.sqlite3_column_blob(rows.Handle, 1);
                if (payload.Length > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
                }

                payload.CopyTo(buffer);
                consumer.OnEvent(sequenceNr, buffer.AsMemory(0, payload.Length));
                last = sequenceNr;
            }
        }
        catch (SqliteException exception)
        {
            throw new PersistenceException(persistenceId, $"Reading the events of '{persistenceId}' failed: {exception.Message}", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return last;
    }

    public static StoredSnapshot? LoadSnapshot(string connectionString, string persistenceId)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = JournalSchema.ReadSnapshot;
            command.Parameters.AddWithValue("$pid", persistenceId);
            using SqliteDataReader row = command.ExecuteReader();
            return row.Read() ? new StoredSnapshot(row.GetInt64(0), row.GetFieldValue<byte[]>(1)) : null;
        }
        catch (SqliteException exception)
        {
            throw new PersistenceException(persistenceId, $"Reading the snapshot of '{persistenceId}' failed: {exception.Message}", exception);
        }
    }
}

namespace TypedActors.Persistence.Sqlite;

/// <summary>A lease granted by a <see cref="SqliteJournal"/>: the stream's row id, and the journal that granted it.</summary>
internal sealed class SqliteLease(string persistenceId, long epoch, long streamId, SqliteJournal journal) : PersistenceLease(persistenceId, epoch)
{
    public long StreamId { get; } = streamId;

    public SqliteJournal Journal { get; } = journal;
}

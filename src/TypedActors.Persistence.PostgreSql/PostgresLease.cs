namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// A lease granted by a <see cref="PostgresJournal"/>: the stream's row id, the journal that granted it, and the
/// tail of its writes. Writes of one stream run one after another in call order (an append that does not await the
/// previous one still follows it), while writes of different streams run concurrently on pooled connections.
/// </summary>
internal sealed class PostgresLease(string persistenceId, long epoch, long streamId, PostgresJournal journal) : PersistenceLease(persistenceId, epoch)
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;

    public long StreamId { get; } = streamId;

    public PostgresJournal Journal { get; } = journal;

    /// <summary>The last write queued on this lease (completed when none is pending).</summary>
    public Task Tail
    {
        get
        {
            lock (_gate)
            {
                return _tail;
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> once every write queued before it has ended, whatever their outcome.</summary>
    public Task After(Func<Task> write)
    {
        lock (_gate)
        {
            Task next = Run(_tail, write);
            _tail = next;
            return next;
        }
    }

    private static async Task Run(Task previous, Func<Task> write)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The previous write's caller has its failure; this one runs regardless (and meets a conflict if it depended on it).
        }

        await write().ConfigureAwait(false);
    }
}

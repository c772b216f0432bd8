using System.Threading.Channels;
using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// Group commit for appends. Appends of different persistence ids that wait at the same time go to the server as one
/// batch: one round trip and one transaction, so their events reach the disk with one WAL flush instead of one each.
/// A thousand actors persisting at once otherwise hold a hundred pooled connections, each waiting for its own flush.
/// </summary>
/// <remarks>
/// <para>
/// A batch is atomic (the server runs a pipelined batch as one implicit transaction), and each append in it is still
/// the conditional statement that stores all of its events or none and reports how many it stored: an append whose
/// checks fail changes nothing and does not disturb the others. When the batch as a whole fails (an error in one
/// statement aborts the transaction), nothing of it was stored, and each append is tried again on its own so that
/// each gets its own outcome.
/// </para>
/// <para>
/// One writer sends one batch at a time; the appends that arrive meanwhile form the next one. A lone append therefore
/// costs what it did as a single statement, and the batch grows with the load, up to <see cref="MaxBatch"/>. Appends
/// of one persistence id are never in the queue together (the lease runs them one after another), so no batch holds
/// two writes of one stream.
/// </para>
/// </remarks>
internal sealed class AppendBatcher : IAsyncDisposable
{
    /// <summary>The most appends one batch carries: large enough to share a flush widely, small enough to keep one round trip short.</summary>
    public const int MaxBatch = 256;

    private readonly NpgsqlDataSource _source;
    private readonly string _appendSql;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AppendBatcher(NpgsqlDataSource source, PostgresSchema schema)
    {
        _source = source;
        _appendSql = schema.Append;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Appends <paramref name="payloads"/> after event <paramref name="expected"/> of the stream; the number of events stored (all or none).</summary>
    /// <exception cref="ObjectDisposedException">The journal is being disposed.</exception>
    public Task<int> AppendAsync(PostgresLease lease, int owner, long expected, byte[][] payloads)
    {
        var append = new PendingAppend(lease.StreamId, owner, lease.Epoch, expected, payloads);
        if (!_queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(lease.Journal.ToString());
        }

        return append.Stored.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out PendingAppend? append))
            {
                batch.Add(append);
            }

            if (batch.Count == 1 || !await TryWriteTogetherAsync(batch).ConfigureAwait(false))
            {
                foreach (PendingAppend append in batch)
                {
                    await WriteAloneAsync(append).ConfigureAwait(false);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Writes the appends as one batch and completes them; false when the batch failed, storing none of them.</summary>
    private async Task<bool> TryWriteTogetherAsync(List<PendingAppend> batch)
    {
        int[] stored = new int[batch.Count];
        try
        {
            await using NpgsqlBatch command = _source.CreateBatch();
            foreach (PendingAppend append in batch)
            {
                command.BatchCommands.Add(Statement(append));
            }

            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            for (int i = 0; i < batch.Count; i++)
            {
                stored[i] = command.BatchCommands[i].RecordsAffected;
            }
        }
        catch (Exception)
        {
            return false; // each is tried alone next, and fails with its own exception if it still does
        }

        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Stored.TrySetResult(stored[i]);
        }

        return true;
    }

    private async Task WriteAloneAsync(PendingAppend append)
    {
        try
        {
            await using NpgsqlBatch command = _source.CreateBatch();
            command.BatchCommands.Add(Statement(append));
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            append.Stored.TrySetResult(command.BatchCommands[0].RecordsAffected);
        }
        catch (Exception exception)
        {
            append.Stored.TrySetException(exception);
        }
    }

    private NpgsqlBatchCommand Statement(PendingAppend append)
    {
        var statement = new NpgsqlBatchCommand(_appendSql);
        statement.Parameters.AddWithValue("expected", append.Expected);
        statement.Parameters.AddWithValue("payloads", append.Payloads);
        statement.Parameters.AddWithValue("id", append.StreamId);
        statement.Parameters.AddWithValue("owner", append.Owner);
        statement.Parameters.AddWithValue("epoch", append.Epoch);
        return statement;
    }

    private sealed record PendingAppend(long StreamId, int Owner, long Epoch, long Expected, byte[][] Payloads)
    {
        public TaskCompletionSource<int> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

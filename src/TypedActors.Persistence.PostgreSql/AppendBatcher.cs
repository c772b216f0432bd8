using System.Threading.Channels;
using Npgsql;

namespace TypedActors.Persistence.PostgreSql;

/// <summary>
/// Group commit for appends. Appends of different persistence ids that wait at the same time go to the server as one
/// statement: one round trip and one transaction, so their events reach the disk with one WAL flush instead of one each.
/// A thousand actors persisting at once otherwise hold a hundred pooled connections, each waiting for its own flush.
/// </summary>
/// <remarks>
/// <para>
/// A batch is one statement (<see cref="PostgresSchema.Append"/>), so it is atomic, and each append in it stays
/// conditional: its stream advances, and its events are stored, only if its own lease and expected sequence number
/// hold, and the statement reports which appends advanced. An append whose checks fail changes nothing and does not
/// disturb the others. When the server refuses the statement as a whole (an error in any append aborts it), nothing
/// of it was stored, and each append is tried again on its own so that each gets its own outcome. When the connection
/// fails instead, the statement may have committed: every append of the batch fails with that error (outcome unknown,
/// as for a single statement), and none is sent again, so no stored event is reported as refused.
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

    /// <summary>The most payload bytes one batch carries (a single larger append goes alone), far below PostgreSQL's 1 GB per value.</summary>
    public const long MaxBatchBytes = 64L * 1024 * 1024;

    private readonly NpgsqlDataSource _source;
    private readonly string _appendSql;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AppendBatcher(NpgsqlDataSource source, PostgresSchema schema)
    {
        _source = source;
        _appendSql = schema.Append;
        _writer = Task.Run(RunAsync);
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

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long bytes = 0;
            while (batch.Count < MaxBatch
                && _queue.Reader.TryPeek(out PendingAppend? next)
                && (batch.Count == 0 || bytes + next.Bytes <= MaxBatchBytes)
                && _queue.Reader.TryRead(out PendingAppend? append))
            {
                batch.Add(append);
                bytes += append.Bytes;
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

    /// <summary>
    /// Writes the appends in one statement and completes them; false when the server refused the statement (it then
    /// stored none of them, and each is tried alone). Any other failure leaves the outcome unknown (the statement may
    /// have committed before the connection broke): every append of the batch fails with it, none is tried again.
    /// </summary>
    private async Task<bool> TryWriteTogetherAsync(List<PendingAppend> batch)
    {
        bool[] advanced;
        try
        {
            advanced = await WriteAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            return false;
        }
        catch (Exception exception)
        {
            foreach (PendingAppend append in batch)
            {
                append.Stored.TrySetException(exception);
            }

            return true;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Stored.TrySetResult(advanced[i] ? batch[i].Payloads.Length : 0);
        }

        return true;
    }

    private async Task WriteAloneAsync(PendingAppend append)
    {
        try
        {
            bool[] advanced = await WriteAsync([append]).ConfigureAwait(false);
            append.Stored.TrySetResult(advanced[0] ? append.Payloads.Length : 0);
        }
        catch (Exception exception)
        {
            append.Stored.TrySetException(exception);
        }
    }

    /// <summary>Runs <see cref="PostgresSchema.Append"/> for <paramref name="appends"/>; which of them advanced their stream.</summary>
    private async Task<bool[]> WriteAsync(List<PendingAppend> appends)
    {
        int events = 0;
        foreach (PendingAppend append in appends)
        {
            events += append.Payloads.Length;
        }

        long[] ids = new long[appends.Count], expected = new long[appends.Count], epochs = new long[appends.Count];
        int[] owners = new int[appends.Count], counts = new int[appends.Count];
        int[] eventAppends = new int[events], eventNumbers = new int[events];
        byte[][] payloads = new byte[events][];
        int e = 0;
        for (int i = 0; i < appends.Count; i++)
        {
            PendingAppend append = appends[i];
            (ids[i], expected[i], owners[i], epochs[i], counts[i]) = (append.StreamId, append.Expected, append.Owner, append.Epoch, append.Payloads.Length);
            for (int n = 0; n < append.Payloads.Length; n++, e++)
            {
                (eventAppends[e], eventNumbers[e], payloads[e]) = (i + 1, n + 1, append.Payloads[n]);
            }
        }

        await using NpgsqlCommand command = _source.CreateCommand(_appendSql);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("expected", expected);
        command.Parameters.AddWithValue("owners", owners);
        command.Parameters.AddWithValue("epochs", epochs);
        command.Parameters.AddWithValue("counts", counts);
        command.Parameters.AddWithValue("event_appends", eventAppends);
        command.Parameters.AddWithValue("event_numbers", eventNumbers);
        command.Parameters.AddWithValue("payloads", payloads);
        bool[] advanced = new bool[appends.Count];
        await using NpgsqlDataReader rows = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await rows.ReadAsync().ConfigureAwait(false))
        {
            advanced[checked((int)rows.GetInt64(0)) - 1] = true;
        }

        return advanced;
    }

    private sealed record PendingAppend(long StreamId, int Owner, long Epoch, long Expected, byte[][] Payloads)
    {
        public long Bytes { get; } = Payloads.Sum(static payload => (long)payload.Length);

        public TaskCompletionSource<int> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// Group commit: one thread owns the write connection and takes every request that is waiting, up to a size bound,
/// into one transaction with one sync of the WAL. While it commits, new requests queue up and form the next batch,
/// so the more actors persist at once, the more events each sync carries. A batch that fails as a whole (an I/O
/// error, a full disk) is rolled back and its requests are retried one transaction each, so one bad request fails
/// alone.
/// </summary>
internal sealed class WriterLoop : IDisposable
{
    private const long MaxBatchSize = 8192;

    private readonly ConcurrentQueue<WriteRequest> _queue = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<JournalWriter> _open;
    private readonly Action<JournalWriter> _close;
    private readonly string _name;
    private volatile bool _stopping;
    private Exception? _broken;
    private long _commits;

    public WriterLoop(string name, Func<JournalWriter> open, Action<JournalWriter> close)
    {
        _name = name;
        _open = open;
        _close = close;
        var thread = new Thread(Run) { IsBackground = true, Name = "TypedActors SQLite journal writer" };
        thread.Start();
    }

    /// <summary>How many transactions have committed (tests check that concurrent appends share them).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Completes once the database is open and its schema in place; fails if it could not be opened.</summary>
    public Task Ready => _ready.Task;

    public Task<T> Enqueue<T>(WriteRequest<T> request)
    {
        if (_stopping)
        {
            return Task.FromException<T>(new ObjectDisposedException(_name, "The SQLite journal has been disposed."));
        }

        _queue.Enqueue(request);
        _signal.Set();
        return request.Task;
    }

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public Task StopAsync()
    {
        _stopping = true;
        _signal.Set();
        return _stopped.Task;
    }

    public void Dispose() => _signal.Dispose();

    private void Run()
    {
        JournalWriter? writer = null;
        try
        {
            writer = _open();
            _ready.TrySetResult();
        }
        catch (Exception exception)
        {
            _broken = exception;
            _ready.TrySetException(exception);
        }

        var batch = new List<WriteRequest>();
        while (true)
        {
            if (!Take(batch))
            {
                if (_stopping)
                {
                    break;
                }

                _signal.Reset();
                if (_queue.IsEmpty && !_stopping)
                {
                    _signal.Wait();
                }

                continue;
            }

            if (writer is null)
            {
                Fail(batch, _broken!);
            }
            else
            {
                Write(writer, batch);
            }

            batch.Clear();
        }

        if (writer is not null)
        {
            try
            {
                _close(writer);
            }
            finally
            {
                writer.Dispose();
            }
        }

        _stopped.TrySetResult();
    }

    private bool Take(List<WriteRequest> batch)
    {
        long size = 0;
        while (size < MaxBatchSize && _queue.TryDequeue(out WriteRequest? request))
        {
            batch.Add(request);
            size += request.Size;
        }

        return batch.Count > 0;
    }

    private void Write(JournalWriter writer, List<WriteRequest> batch)
    {
        if (TryTransaction(writer, batch) is not { } failure)
        {
            return;
        }

        if (batch.Count == 1)
        {
            Fail(batch, failure);
            return;
        }

        foreach (WriteRequest request in batch)
        {
            if (TryTransaction(writer, [request]) is { } alone)
            {
                Fail([request], alone);
            }
        }
    }

    /// <summary>Runs <paramref name="requests"/> in one transaction; null when it committed (their outcomes delivered).</summary>
    private Exception? TryTransaction(JournalWriter writer, List<WriteRequest> requests)
    {
        int executed = 0;
        try
        {
            writer.Begin();
            foreach (WriteRequest request in requests)
            {
                request.Execute(writer);
                executed++;
            }

            writer.Commit();
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException or IOException)
        {
            try
            {
                writer.Rollback();
            }
            catch (SqliteException)
            {
                // The connection reports the failure that ended the transaction; the requests fail with the first one.
            }

            for (int i = 0; i < executed; i++)
            {
                requests[i].Undo(); // failed by the caller, or retried alone
            }

            return exception;
        }

        Interlocked.Increment(ref _commits);
        foreach (WriteRequest request in requests)
        {
            request.Committed();
        }

        return null;
    }

    private static void Fail(List<WriteRequest> requests, Exception failure)
    {
        foreach (WriteRequest request in requests)
        {
            request.Fail(failure as PersistenceException ?? new PersistenceException(
                request.PersistenceId, $"The SQLite journal could not write '{request.PersistenceId}': {failure.Message}", failure));
        }
    }
}

namespace TypedActors.Persistence.Sqlite;

/// <summary>
/// One write waiting for the writer loop. It runs inside a transaction shared with other requests, records its
/// outcome (a result, or a refusal such as a conflict, which does not abort the transaction), and is completed once
/// that transaction has committed, or failed when it rolled back.
/// </summary>
internal abstract class WriteRequest
{
    /// <summary>The persistence id it writes to.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Events and snapshot bytes it writes, to bound the size of one transaction.</summary>
    public abstract long Size { get; }

    /// <summary>Runs the request's statements. A store failure throws (and rolls the transaction back); a refusal is recorded.</summary>
    public abstract void Execute(JournalWriter writer);

    /// <summary>The transaction committed: complete with the recorded outcome.</summary>
    public abstract void Committed();

    /// <summary>The transaction rolled back: undo what <see cref="Execute"/> recorded in memory (it may be retried).</summary>
    public virtual void Undo()
    {
    }

    /// <summary>The request could not be written: complete it with <paramref name="failure"/>.</summary>
    public abstract void Fail(Exception failure);
}

/// <summary>A request with a result of type <typeparamref name="T"/>.</summary>
internal abstract class WriteRequest<T> : WriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _refusal;

    public Task<T> Task => _completion.Task;

    protected void Succeeded(T result)
    {
        _result = result;
        _refusal = null;
    }

    protected void Refused(Exception refusal) => _refusal = refusal;

    public override void Committed()
    {
        if (_refusal is { } refusal)
        {
            _completion.TrySetException(refusal);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception failure) => _completion.TrySetException(failure);
}

internal sealed class AcquireRequest(string persistenceId) : WriteRequest<PersistenceLease>
{
    private SqliteLease? _tentative;

    public override string PersistenceId { get; } = persistenceId;

    public override long Size => 1;

    public override void Execute(JournalWriter writer)
    {
        (SqliteLease? lease, Exception? refusal) = writer.Acquire(PersistenceId);
        _tentative = lease;
        if (lease is not null)
        {
            Succeeded(lease);
        }
        else
        {
            Refused(refusal!);
        }
    }

    public override void Undo()
    {
        if (_tentative is { } lease)
        {
            lease.Journal.Forget(lease);
            _tentative = null;
        }
    }
}

internal sealed class ReleaseRequest(SqliteLease lease) : WriteRequest<bool>
{
    public override string PersistenceId => lease.PersistenceId;

    public override long Size => 1;

    public override void Execute(JournalWriter writer)
    {
        writer.Release(lease);
        Succeeded(true);
    }
}

internal sealed class AppendRequest(SqliteLease lease, long expectedSequenceNr, ReadOnlyMemory<byte>[] events) : WriteRequest<bool>
{
    public override string PersistenceId => lease.PersistenceId;

    public override long Size { get; } = events.Length + (events.Sum(static e => (long)e.Length) / 4096);

    public override void Execute(JournalWriter writer)
    {
        if (writer.Append(lease, expectedSequenceNr, events) is { } conflict)
        {
            Refused(conflict);
        }
        else
        {
            Succeeded(true);
        }
    }
}

internal sealed class SaveSnapshotRequest(SqliteLease lease, long sequenceNr, ReadOnlyMemory<byte> snapshot) : WriteRequest<bool>
{
    public override string PersistenceId => lease.PersistenceId;

    public override long Size => 1 + (snapshot.Length / 4096);

    public override void Execute(JournalWriter writer)
    {
        if (writer.SaveSnapshot(lease, sequenceNr, snapshot) is { } conflict)
        {
            Refused(conflict);
        }
        else
        {
            Succeeded(true);
        }
    }
}

using System.Text;

namespace TypedActors.Persistence.Conformance;

/// <summary>
/// What every <see cref="ISnapshotStore"/> must do: keep the latest snapshot of each id, atomically, ignore an older
/// one, and refuse a writer whose lease is no longer the owner. The leases come from the journal the store belongs to.
/// </summary>
public abstract class SnapshotStoreConformanceTests : IAsyncLifetime
{
    private readonly List<IJournal> _opened = [];

    /// <summary>Opens a journal on the store under test; each call another instance (another owner) on the same store.</summary>
    protected abstract Task<IJournal> OpenJournalAsync();

    /// <summary>The snapshot store that goes with <paramref name="journal"/>: by default the journal itself.</summary>
    protected virtual ISnapshotStore SnapshotsOf(IJournal journal) =>
        journal as ISnapshotStore ?? throw new InvalidOperationException($"{journal} is no snapshot store; override SnapshotsOf.");

    protected virtual async Task CloseJournalAsync(IJournal journal)
    {
        if (journal is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IJournal journal in _opened)
        {
            await CloseJournalAsync(journal);
        }
    }

    private async Task<IJournal> Open()
    {
        IJournal journal = await OpenJournalAsync();
        _opened.Add(journal);
        return journal;
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredSnapshot snapshot) => Encoding.UTF8.GetString(snapshot.Data.Span);

    [Fact]
    public async Task The_latest_snapshot_is_loaded_and_an_older_one_does_not_replace_it()
    {
        IJournal journal = await Open();
        ISnapshotStore snapshots = SnapshotsOf(journal);
        PersistenceLease lease = await journal.AcquireAsync("account-42");

        await snapshots.SaveAsync(lease, 10, Bytes("at 10"));
        await snapshots.SaveAsync(lease, 20, Bytes("at 20"));
        await snapshots.SaveAsync(lease, 15, Bytes("at 15, late"));

        StoredSnapshot? latest = await snapshots.LoadAsync("account-42");
        Assert.NotNull(latest);
        Assert.Equal(20, latest.SequenceNr);
        Assert.Equal("at 20", Text(latest));
    }

    [Fact]
    public async Task An_id_without_a_snapshot_loads_none()
    {
        IJournal journal = await Open();
        await journal.AcquireAsync("account-42");

        Assert.Null(await SnapshotsOf(journal).LoadAsync("account-42"));
        Assert.Null(await SnapshotsOf(journal).LoadAsync("never-seen"));
    }

    [Fact]
    public async Task A_released_or_taken_over_lease_cannot_save_a_snapshot()
    {
        IJournal owner = await Open();
        IJournal other = await Open();
        PersistenceLease first = await owner.AcquireAsync("account-42");
        await SnapshotsOf(owner).SaveAsync(first, 5, Bytes("first owner"));
        await owner.ReleaseAsync(first);
        PersistenceLease second = await other.AcquireAsync("account-42");

        await Assert.ThrowsAsync<PersistenceConflictException>(() => SnapshotsOf(owner).SaveAsync(first, 50, Bytes("stale")).AsTask());

        StoredSnapshot? loaded = await SnapshotsOf(other).LoadAsync("account-42");
        Assert.Equal("first owner", Text(loaded!));
        await SnapshotsOf(other).SaveAsync(second, 6, Bytes("second owner"));
        Assert.Equal("second owner", Text((await SnapshotsOf(owner).LoadAsync("account-42"))!));
    }

    [Fact]
    public async Task A_large_snapshot_round_trips_byte_for_byte()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("large");
        byte[] data = new byte[16 * 1024 * 1024];
        new Random(21).NextBytes(data);

        await SnapshotsOf(journal).SaveAsync(lease, 1, data);

        StoredSnapshot? loaded = await SnapshotsOf(journal).LoadAsync("large");
        Assert.True(data.AsSpan().SequenceEqual(loaded!.Data.Span));
    }
}

using System.Text;

namespace TypedActors.Persistence.Conformance;

/// <summary>
/// What every <see cref="IJournal"/> must do, whatever stores its events: order and atomicity of appends, optimistic
/// concurrency, ownership and fencing of persistence ids, large payloads and concurrent writers. A journal passes by
/// deriving a test class that says how to open it; each test starts from an empty store. The snapshot half is
/// <see cref="SnapshotStoreConformanceTests"/>.
/// </summary>
public abstract class JournalConformanceTests : IAsyncLifetime
{
    private readonly List<IJournal> _opened = [];

    /// <summary>
    /// Opens a journal on the store under test. Every call opens another instance on the same store, as another
    /// process would: each is a separate owner of persistence ids.
    /// </summary>
    protected abstract Task<IJournal> OpenJournalAsync();

    /// <summary>Closes a journal opened by <see cref="OpenJournalAsync"/>, as its process would when it ends.</summary>
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

    protected async Task<IJournal> Open()
    {
        IJournal journal = await OpenJournalAsync();
        _opened.Add(journal);
        return journal;
    }

    protected static ReadOnlyMemory<byte>[] Payloads(params string[] texts) => [.. texts.Select(t => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(t))];

    protected static async Task<List<(long SequenceNr, string Text)>> ReadAll(IJournal journal, string persistenceId, long from = 1)
    {
        var recorded = new RecordedEvents();
        long last = await journal.ReplayAsync(persistenceId, from, recorded);
        Assert.Equal(recorded.Events.Count == 0 ? from - 1 : recorded.Events[^1].SequenceNr, last);
        return [.. recorded.Events.Select(e => (e.SequenceNr, Encoding.UTF8.GetString(e.Payload)))];
    }

    [Fact]
    public async Task Appended_events_replay_in_order_numbered_from_one()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("orders-1");

        await journal.AppendAsync(lease, 0, Payloads("a"));
        await journal.AppendAsync(lease, 1, Payloads("b", "c"));
        await journal.AppendAsync(lease, 3, Payloads("d"));

        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c"), (4L, "d")], await ReadAll(journal, "orders-1"));
    }

    [Fact]
    public async Task A_replay_from_a_sequence_number_starts_there()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("orders-1");
        await journal.AppendAsync(lease, 0, Payloads("a", "b", "c", "d"));

        Assert.Equal([(3L, "c"), (4L, "d")], await ReadAll(journal, "orders-1", from: 3));
        Assert.Empty(await ReadAll(journal, "orders-1", from: 5));
    }

    [Fact]
    public async Task Streams_are_separate_and_an_unknown_id_replays_nothing()
    {
        IJournal journal = await Open();
        PersistenceLease first = await journal.AcquireAsync("first");
        PersistenceLease second = await journal.AcquireAsync("second");
        await journal.AppendAsync(first, 0, Payloads("1a", "1b"));
        await journal.AppendAsync(second, 0, Payloads("2a"));

        Assert.Equal([(1L, "1a"), (2L, "1b")], await ReadAll(journal, "first"));
        Assert.Equal([(1L, "2a")], await ReadAll(journal, "second"));
        Assert.Empty(await ReadAll(journal, "never-written"));
    }

    [Fact]
    public async Task An_append_with_a_stale_expected_number_is_a_conflict_and_stores_none_of_its_events()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("orders-1");
        await journal.AppendAsync(lease, 0, Payloads("a", "b"));

        await Assert.ThrowsAsync<PersistenceConflictException>(() => journal.AppendAsync(lease, 1, Payloads("x", "y", "z")).AsTask());
        await Assert.ThrowsAsync<PersistenceConflictException>(() => journal.AppendAsync(lease, 5, Payloads("gap")).AsTask());

        Assert.Equal([(1L, "a"), (2L, "b")], await ReadAll(journal, "orders-1"));
        await journal.AppendAsync(lease, 2, Payloads("c")); // the stream is intact and writable
        Assert.Equal(3, (await ReadAll(journal, "orders-1")).Count);
    }

    [Fact]
    public async Task Concurrent_appends_expecting_the_same_number_never_interleave_one_wins_whole()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("contended");
        string[] left = [.. Enumerable.Range(0, 10).Select(i => "left-" + i)];
        string[] right = [.. Enumerable.Range(0, 10).Select(i => "right-" + i)];

        Task[] appends = [journal.AppendAsync(lease, 0, Payloads(left)).AsTask(), journal.AppendAsync(lease, 0, Payloads(right)).AsTask()];
        await Task.WhenAll(appends).ContinueWith(_ => { }, TaskScheduler.Default); // one is expected to fail

        Assert.Equal(1, appends.Count(a => a.IsCompletedSuccessfully));
        Task refused = Assert.Single(appends, a => a.IsFaulted);
        Assert.IsType<PersistenceConflictException>(refused.Exception!.InnerException);
        string[] stored = [.. (await ReadAll(journal, "contended")).Select(e => e.Text)];
        Assert.True(stored.SequenceEqual(left) || stored.SequenceEqual(right), string.Join(", ", stored));
    }

    [Fact]
    public async Task A_held_id_is_refused_to_a_second_acquire_of_the_same_journal()
    {
        IJournal journal = await Open();
        await journal.AcquireAsync("account-42");

        PersistenceIdInUseException refused = await Assert.ThrowsAsync<PersistenceIdInUseException>(() => journal.AcquireAsync("account-42").AsTask());
        Assert.Equal("account-42", refused.PersistenceId);
    }

    [Fact]
    public async Task A_held_id_is_refused_to_another_journal_on_the_same_store()
    {
        IJournal owner = await Open();
        IJournal other = await Open();
        await owner.AcquireAsync("account-42");

        await Assert.ThrowsAsync<PersistenceIdInUseException>(() => other.AcquireAsync("account-42").AsTask());
        await other.AcquireAsync("account-43"); // other ids are free
    }

    [Fact]
    public async Task A_released_id_is_acquired_again_with_a_higher_epoch_and_the_old_lease_can_write_nothing()
    {
        IJournal owner = await Open();
        IJournal other = await Open();
        PersistenceLease first = await owner.AcquireAsync("account-42");
        await owner.AppendAsync(first, 0, Payloads("a"));
        await owner.ReleaseAsync(first);

        PersistenceLease second = await other.AcquireAsync("account-42");

        Assert.True(second.Epoch > first.Epoch);
        await Assert.ThrowsAsync<PersistenceConflictException>(() => owner.AppendAsync(first, 1, Payloads("stale")).AsTask());
        await other.AppendAsync(second, 1, Payloads("b"));
        Assert.Equal([(1L, "a"), (2L, "b")], await ReadAll(other, "account-42"));
    }

    [Fact]
    public async Task The_ids_of_a_closed_journal_are_free_for_another()
    {
        IJournal owner = await Open();
        IJournal other = await Open();
        PersistenceLease lease = await owner.AcquireAsync("account-42");
        await owner.AppendAsync(lease, 0, Payloads("a"));

        await CloseJournalAsync(owner);
        _opened.Remove(owner);

        PersistenceLease taken = await other.AcquireAsync("account-42");
        await other.AppendAsync(taken, 1, Payloads("b"));
        Assert.Equal(2, (await ReadAll(other, "account-42")).Count);
    }

    [Fact]
    public async Task Releasing_twice_or_after_a_takeover_does_nothing()
    {
        IJournal journal = await Open();
        PersistenceLease first = await journal.AcquireAsync("account-42");
        await journal.ReleaseAsync(first);
        PersistenceLease second = await journal.AcquireAsync("account-42");

        await journal.ReleaseAsync(first); // stale: must not free the id its successor holds

        await Assert.ThrowsAsync<PersistenceIdInUseException>(() => journal.AcquireAsync("account-42").AsTask());
        await journal.AppendAsync(second, 0, Payloads("a"));
    }

    [Fact]
    public async Task Large_payloads_and_empty_ones_round_trip_byte_for_byte()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("large");
        var random = new Random(21);
        byte[][] payloads = [new byte[8 * 1024 * 1024], [], new byte[70_000], new byte[1]];
        foreach (byte[] payload in payloads)
        {
            random.NextBytes(payload);
        }

        await journal.AppendAsync(lease, 0, [.. payloads.Select(p => (ReadOnlyMemory<byte>)p)]);

        var recorded = new RecordedEvents();
        await journal.ReplayAsync("large", 1, recorded);
        Assert.Equal(payloads.Length, recorded.Events.Count);
        for (int i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(i + 1, recorded.Events[i].SequenceNr);
            Assert.True(payloads[i].AsSpan().SequenceEqual(recorded.Events[i].Payload), $"payload {i + 1} differs");
        }
    }

    [Fact]
    public async Task Many_streams_appending_at_once_all_succeed_each_in_its_own_order()
    {
        IJournal journal = await Open();
        const int Streams = 50;
        const int Appends = 40;

        await Task.WhenAll(Enumerable.Range(0, Streams).Select(async s =>
        {
            PersistenceLease lease = await journal.AcquireAsync("stream-" + s);
            for (int i = 0; i < Appends; i++)
            {
                await journal.AppendAsync(lease, i, Payloads($"{s}:{i}"));
            }
        }));

        for (int s = 0; s < Streams; s++)
        {
            List<(long SequenceNr, string Text)> events = await ReadAll(journal, "stream-" + s);
            Assert.Equal(Enumerable.Range(0, Appends).Select(i => ((long)i + 1, $"{s}:{i}")), events);
        }
    }

    [Fact]
    public async Task Appends_that_do_not_await_each_other_keep_their_order_and_numbers()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("pipelined");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => journal.AppendAsync(lease, i, Payloads("e" + i)).AsTask()));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => ((long)i + 1, "e" + i)), await ReadAll(journal, "pipelined"));
    }

    [Fact]
    public async Task Invalid_arguments_are_rejected_before_anything_is_stored()
    {
        IJournal journal = await Open();
        PersistenceLease lease = await journal.AcquireAsync("checked");

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(lease, 0, []).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => journal.AcquireAsync("").AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => journal.AcquireAsync(new string('x', PersistenceIds.MaxLength + 1)).AsTask());
        Assert.Empty(await ReadAll(journal, "checked"));
    }
}

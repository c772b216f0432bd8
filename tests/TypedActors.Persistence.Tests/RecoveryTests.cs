using MessagePack;
using TypedActors.Persistence.Sqlite;

namespace TypedActors.Persistence.Tests;

/// <summary>What recovery promises: latest snapshot plus later events, [Apply] only, in stored order, messages waiting.</summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    private async Task<int[]> RecordIn(string persistenceId, IEnumerable<int> values)
    {
        await using SqliteJournal journal = _store.OpenJournal();
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
        ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>(persistenceId);
        foreach (int value in values)
        {
            ledger.Tell(new Record(value));
        }

        return await ledger.Ask(new GetValues());
    }

    [Fact]
    public async Task Recovery_loads_the_latest_snapshot_and_replays_only_the_events_after_it()
    {
        int[] recorded = await RecordIn("ledger", Enumerable.Range(1, 25)); // SnapshotEvery = 10: snapshots at 10 and 20

        await using var journal = new ControlledJournal(_store.OpenJournal());
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
        ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>("ledger");

        Assert.Equal(recorded, await ledger.Ask(new GetValues()));
        Assert.Equal(5, journal.Replayed);
        Assert.Equal(5, await ledger.Ask(new GetAppliedSinceStart())); // the [NotState] counter was not restored
        StoredSnapshot? snapshot = await journal.LoadAsync("ledger");
        Assert.Equal(20, snapshot!.SequenceNr);
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_read_is_reported_and_the_events_alone_recover_the_state()
    {
        int[] recorded = await RecordIn("ledger", Enumerable.Range(1, 12));
        await using (SqliteJournal journal = _store.OpenJournal())
        {
            PersistenceLease lease = await journal.AcquireAsync("ledger");
            await journal.SaveAsync(lease, 12, new byte[] { 0xc1, 0x00, 0xff }); // 0xc1 is never valid MessagePack
            await journal.ReleaseAsync(lease);
        }

        await using var controlled = new ControlledJournal(_store.OpenJournal());
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = controlled });
        var errors = new List<ActorError>();
        using IDisposable subscription = system.Errors.Subscribe(e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        });
        ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>("ledger");

        Assert.Equal(recorded, await ledger.Ask(new GetValues()));
        Assert.Equal(12, controlled.Replayed);
        PersistenceRecoveryException reported;
        lock (errors)
        {
            reported = Assert.IsType<PersistenceRecoveryException>(Assert.Single(errors).Exception);
        }

        Assert.Contains("snapshot of 'ledger' at 12 cannot be read", reported.Message);
    }

    [Fact]
    public async Task An_event_that_cannot_be_read_fails_the_spawn_naming_the_event()
    {
        await RecordIn("ledger", [1, 2]);
        await using (SqliteJournal journal = _store.OpenJournal())
        {
            PersistenceLease lease = await journal.AcquireAsync("ledger");
            await journal.AppendAsync(lease, 2, [new byte[] { 0x92, 0xa3, (byte)'B', (byte)'a', (byte)'d', 0x80 }]); // ["Bad", {}]
            await journal.ReleaseAsync(lease);
        }

        await using SqliteJournal reopened = _store.OpenJournal();
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = reopened });

        PersistenceRecoveryException failure = await Assert.ThrowsAsync<PersistenceRecoveryException>(() => system.SpawnPersistentAsync<Ledger>("ledger"));

        Assert.Equal(3, failure.SequenceNr);
        Assert.Contains("Event 3 of 'ledger' cannot be read", failure.Message);
        Assert.Contains("'Bad' is not an event type Ledger has an [Apply] method for", failure.Message);
        Assert.IsType<MessagePackSerializationException>(failure.InnerException);
        await Deadline.Until(() => system.ActorCount == 0);
    }

    [Fact]
    public async Task Messages_sent_while_the_actor_recovers_wait_and_see_the_recovered_state()
    {
        await RecordIn("ledger", Enumerable.Range(1, 7));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var journal = new ControlledJournal(_store.OpenJournal()) { ReplayGate = gate.Task };
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });

        Task<ActorRef<Ledger>> spawning = system.SpawnPersistentAsync<Ledger>("ledger");
        await Deadline.Until(() => system.ActorCount == 1);
        Assert.True(system.TryGetActor(1, out Address address)); // the first actor of a new system
        address.Send(new Record(8));
        Task<int[]> values = address.Ask<int[]>(new GetValues());
        await Task.Yield();
        Assert.False(values.IsCompleted);
        Assert.False(spawning.IsCompleted);

        gate.SetResult();

        Assert.Equal(Enumerable.Range(1, 8), await values.Within());
        await spawning.Within();
    }

    [Fact]
    public async Task A_second_live_actor_of_an_id_is_refused_in_the_same_system_and_from_another_journal()
    {
        await using SqliteJournal first = _store.OpenJournal();
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = first });
        ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>("ledger");

        PersistenceIdInUseException here = await Assert.ThrowsAsync<PersistenceIdInUseException>(() => system.SpawnPersistentAsync<Ledger>("ledger"));
        Assert.Contains("Persistence id 'ledger' is already owned by a live actor", here.Message);
        Assert.Equal(1, system.ActorCount); // a refused spawn creates no actor

        await using SqliteJournal second = _store.OpenJournal(); // another process would open its own journal
        await using var otherSystem = new ActorSystem(new ActorSystemOptions { Journal = second });
        await Assert.ThrowsAsync<PersistenceIdInUseException>(() => otherSystem.SpawnPersistentAsync<Ledger>("ledger"));

        await ledger.Ask(new Record(1));
        ledger.Address.Stop();
        await ledger.Completion.Within();
        ActorRef<Ledger> moved = await otherSystem.SpawnPersistentAsync<Ledger>("ledger");
        Assert.Equal(new[] { 1 }, await moved.Ask(new GetValues()));
    }

    [Fact]
    public async Task A_restarted_id_can_be_spawned_again_as_soon_as_its_actor_has_completed()
    {
        await using SqliteJournal journal = _store.OpenJournal();
        await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });

        for (int round = 1; round <= 5; round++)
        {
            ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>("ledger");
            Assert.Equal(Enumerable.Range(1, round), await ledger.Ask(new RecordAndRead(round)));
            ledger.Address.Kill();
            await ledger.Completion.Within();
        }
    }
}

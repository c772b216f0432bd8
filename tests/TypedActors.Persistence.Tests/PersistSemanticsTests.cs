using TypedActors.Persistence.Sqlite;

namespace TypedActors.Persistence.Tests;

/// <summary>What Persist promises: stored atomically and durably, then applied, then the handler resumes; a failed write applies nothing.</summary>
public sealed class PersistSemanticsTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private SqliteJournal _sqlite = null!;
    private ControlledJournal _journal = null!;
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _sqlite = _store.OpenJournal();
        _journal = new ControlledJournal(_sqlite);
        _system = new ActorSystem(new ActorSystemOptions { Journal = _journal });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _journal.DisposeAsync();
        _store.Dispose();
    }

    private async Task<long> StoredCount(string persistenceId)
    {
        var events = new Conformance.RecordedEvents();
        return await _sqlite.ReplayAsync(persistenceId, 1, events);
    }

    [Fact]
    public async Task The_handler_resumes_after_its_event_is_stored_and_applied()
    {
        ActorRef<Ledger> ledger = await _system.SpawnPersistentAsync<Ledger>("ledger");

        Assert.Equal(new[] { 1 }, await ledger.Ask(new RecordAndRead(1)));
        Assert.Equal(new[] { 1, 2 }, await ledger.Ask(new RecordAndRead(2)));
        Assert.Equal(2, await StoredCount("ledger"));
    }

    [Fact]
    public async Task The_events_of_one_call_are_stored_together_and_applied_in_order()
    {
        ActorRef<Ledger> ledger = await _system.SpawnPersistentAsync<Ledger>("ledger");

        await ledger.Ask(new RecordMany([5, 6, 7]));

        Assert.Equal(new[] { 5, 6, 7 }, await ledger.Ask(new GetValues()));
        Assert.Equal(3, await StoredCount("ledger"));
    }

    [Fact]
    public async Task A_failed_write_fails_the_handler_applies_nothing_and_stores_nothing()
    {
        ActorRef<Ledger> ledger = await _system.SpawnPersistentAsync<Ledger>("ledger");
        await ledger.Ask(new Record(1));
        _journal.FailNextAppends(1);

        PersistenceException failure = await Assert.ThrowsAsync<PersistenceException>(() => ledger.Ask(new RecordMany([2, 3])));

        Assert.Contains("injected", failure.Message);
        ExitReason reason = await ledger.Completion.Within();
        Assert.Equal(ExitKind.Failed, reason.Kind); // unsupervised, the failure ends the actor
        Assert.IsAssignableFrom<PersistenceException>(reason.Exception);
        Assert.Equal(1, await StoredCount("ledger"));

        ActorRef<Ledger> recovered = await _system.SpawnPersistentAsync<Ledger>("ledger"); // the id was released with it
        Assert.Equal(new[] { 1 }, await recovered.Ask(new GetValues()));
    }

    [Fact]
    public async Task A_supervisor_restarts_an_actor_whose_write_failed_and_the_new_instance_recovers_what_was_stored()
    {
        ChildSpec<Ledger> child = ChildSpec.OfPersistent<Ledger>("supervised");
        _system.Spawn(() => new Supervisor(new SupervisorOptions(), child));
        await Eventually.Holds(async () => await child.Ref.Ask(new GetValues()), values => values.Length == 0);
        await child.Ref.Ask(new RecordMany([1, 2]));
        _journal.FailNextAppends(1);

        await Assert.ThrowsAsync<PersistenceException>(() => child.Ref.Ask(new Record(3)));

        // The same address, a new instance, recovered from the journal: the failed event was never applied.
        Assert.Equal(new[] { 1, 2 }, await child.Ref.Ask(new GetValues()));
        Assert.Equal(2, await child.Ref.Ask(new GetAppliedSinceStart())); // both came from the replay
        Assert.Equal(new[] { 1, 2, 4 }, await child.Ref.Ask(new RecordAndRead(4)));
    }

    [Fact]
    public async Task An_event_type_without_an_apply_method_fails_the_handler_before_anything_is_stored()
    {
        ActorRef<Ledger> ledger = await _system.SpawnPersistentAsync<Ledger>("ledger");

        ArgumentException failure = await Assert.ThrowsAsync<ArgumentException>(() => ledger.Ask(new PersistUnknown()));

        Assert.Contains("has no [Apply] method for", failure.Message);
        Assert.Contains(nameof(Unapplied), failure.Message);
        Assert.Equal(0, await StoredCount("ledger"));
    }

    [Fact]
    public async Task A_persistent_actor_spawned_without_a_persistence_id_cannot_persist()
    {
        ActorRef<Ledger> ledger = _system.Spawn<Ledger>();

        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.Ask(new Record(1)));

        Assert.Contains("spawned without a persistence id", failure.Message);
        Assert.Contains("SpawnPersistentAsync<Ledger>", failure.Message);
    }

    [Fact]
    public async Task Spawning_persistent_without_a_journal_names_the_option()
    {
        await using var system = new ActorSystem();

        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => system.SpawnPersistentAsync<Ledger>("ledger"));

        Assert.Contains("ActorSystemOptions.Journal", failure.Message);
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task Many_actors_persisting_at_once_share_transactions()
    {
        const int Actors = 200;
        const int Events = 10;
        ActorRef<Ledger>[] ledgers = await Task.WhenAll(Enumerable.Range(0, Actors).Select(i => _system.SpawnPersistentAsync<Ledger>("ledger-" + i)));
        long commitsBefore = _sqlite.Commits;

        await Task.WhenAll(ledgers.Select(async ledger =>
        {
            for (int e = 0; e < Events; e++)
            {
                await ledger.Ask(new Record(e));
            }
        }));

        long commits = _sqlite.Commits - commitsBefore;
        Assert.True(commits < Actors * Events / 4, $"{Actors * Events} appends took {commits} transactions");
        foreach (ActorRef<Ledger> ledger in ledgers)
        {
            Assert.Equal(Enumerable.Range(0, Events), await ledger.Ask(new GetValues()));
        }
    }
}

using TypedActors.Persistence.Sqlite;

namespace TypedActors.Persistence.Tests;

/// <summary>The generated snapshot holds the whole state, private and readonly members included, and stored addresses stay capabilities.</summary>
public sealed class SnapshotStateTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_snapshot_restores_every_field_kind_and_leaves_NotState_members_to_the_constructor()
    {
        string before;
        await using (SqliteJournal journal = _store.OpenJournal())
        {
            await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
            ActorRef<Board> board = await system.SpawnPersistentAsync<Board>("board");
            await board.Ask(new Move(3, 4));
            await board.Ask(new Rename("alpha"));
            await board.Ask(new Rename("beta"));
            await board.Ask(new Rename("alpha"));
            before = await board.Ask(new Describe());
        }

        Assert.Equal("names=alpha,beta,alpha position=(3, 4) title=alpha moves=1 counts=alpha:2,beta:1 history=alpha,beta,alpha constructed=7", before);
        await using var controlled = new ControlledJournal(_store.OpenJournal());
        await using var restarted = new ActorSystem(new ActorSystemOptions { Journal = controlled });
        ActorRef<Board> recovered = await restarted.SpawnPersistentAsync<Board>("board");

        Assert.Equal(before, await recovered.Ask(new Describe()));
        Assert.Equal(0, controlled.Replayed); // SnapshotEvery = 1: the snapshot alone held it all
    }

    [Fact]
    public async Task A_stored_address_finds_the_live_actor_of_its_persistence_id_and_any_other_address_reads_as_dead()
    {
        await using (SqliteJournal journal = _store.OpenJournal())
        {
            await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
            ActorRef<Ledger> ledger = await system.SpawnPersistentAsync<Ledger>("ledger");
            ActorRef<Board> transient = system.Spawn<Board>(); // no persistence id: nothing names it after a restart
            ActorRef<Board> board = await system.SpawnPersistentAsync<Board>("board");
            await board.Ask(new LinkTo(ledger, transient));
            await ledger.Ask(new Record(1));
        }

        await using SqliteJournal reopened = _store.OpenJournal();
        await using var restarted = new ActorSystem(new ActorSystemOptions { Journal = reopened });
        ActorRef<Ledger> liveLedger = await restarted.SpawnPersistentAsync<Ledger>("ledger");
        ActorRef<Board> other = restarted.Spawn<Board>(); // takes the id the transient actor had in the first system
        ActorRef<Board> recovered = await restarted.SpawnPersistentAsync<Board>("board");

        (ActorRef<Ledger> storedLedger, ActorRef<Board> storedPeer) = await recovered.Ask(new GetLinks());

        Assert.Equal(liveLedger, storedLedger);
        Assert.Equal(new[] { 1 }, await storedLedger.Ask(new GetValues()));
        Assert.True(storedPeer.IsDead);
        Assert.NotEqual(other, storedPeer);
        await Assert.ThrowsAsync<DeadActorException>(() => storedPeer.Ask(new Describe()));
    }
}

using TypedActors.Persistence.Sqlite;

namespace TypedActors.Persistence.Tests;

public sealed class SmokeTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_balance_survives_a_new_system_on_the_same_database()
    {
        await using (SqliteJournal journal = _store.OpenJournal())
        {
            await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
            ActorRef<Account> account = await system.SpawnPersistentAsync<Account>("account-42");
            account.Tell(new Deposit(100));
            Assert.True(await account.Ask(new Withdraw(30)));
            Assert.Equal(70m, await account.Ask(new GetBalance()));
        }

        await using (SqliteJournal journal = _store.OpenJournal())
        {
            await using var system = new ActorSystem(new ActorSystemOptions { Journal = journal });
            ActorRef<Account> account = await system.SpawnPersistentAsync<Account>("account-42");
            Assert.Equal(70m, await account.Ask(new GetBalance()));
        }
    }
}

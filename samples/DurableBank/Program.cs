using DurableBank;
using TypedActors;
using TypedActors.Persistence.Sqlite;

// Three accounts that keep their balances across runs. Each run deposits 100 into every account and then moves money
// between them at random; every change is an event stored in a SQLite file. Run it twice: the second run starts from
// the balances the first one left. Transfers only move money, so each run ends with 300 more than it started with.
// Usage: DurableBank [database file]   (default: durable-bank.db next to the program)
string database = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "durable-bank.db");
await using var journal = new SqliteJournal($"Data Source={database}");
await using var system = new ActorSystem(new ActorSystemOptions { Name = "durable-bank", Journal = journal });

string[] ids = ["account-1", "account-2", "account-3"];
ActorRef<Account>[] accounts = await Task.WhenAll(ids.Select(id => system.SpawnPersistentAsync<Account>(id)));
decimal before = await Print("recovered", accounts);

foreach (ActorRef<Account> account in accounts)
{
    account.Tell(new Deposit(100m));
}

var random = new Random();
int refused = 0;
for (int i = 0; i < 50; i++)
{
    ActorRef<Account> from = accounts[random.Next(accounts.Length)];
    ActorRef<Account> to = accounts[random.Next(accounts.Length)];
    decimal amount = random.Next(1, 80);
    if (await from.Ask(new Withdraw(amount)))
    {
        to.Tell(new Deposit(amount));
    }
    else
    {
        refused++;
    }
}

decimal after = await Print("now", accounts);
decimal deposited = accounts.Length * 100m;
Console.WriteLine($"50 transfers, {refused} refused (insufficient funds); {deposited:N2} deposited; stored in {journal.DatabasePath}");
return after == before + deposited ? 0 : 1;

// An Ask queued behind Tells to the same account is answered after they were stored and applied.
async Task<decimal> Print(string label, ActorRef<Account>[] accounts)
{
    decimal total = 0;
    for (int i = 0; i < accounts.Length; i++)
    {
        decimal balance = await accounts[i].Ask(new GetBalance());
        total += balance;
        Console.WriteLine($"{label,-10} {ids[i],-10} {balance,10:N2}");
    }

    Console.WriteLine($"{label,-10} {"total",-10} {total,10:N2}");
    return total;
}

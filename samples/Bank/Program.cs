using Bank;
using TypedActors;

// Four accounts, four tellers, and 2,000 random transfers issued concurrently. Money is only moved, never created,
// so the balances must add up to what was opened with, whatever the interleaving.
await using var system = new ActorSystem(new ActorSystemOptions { Name = "bank" });

ActorRef<Account>[] accounts = [.. Enumerable.Range(0, 4).Select(_ => system.Spawn(() => new Account(openingBalance: 1_000m)))];
ActorRef<Teller>[] tellers = [.. Enumerable.Range(0, 4).Select(_ => system.Spawn<Teller>())];

var random = new Random(42);
var transfers = new List<Task<bool>>();
for (int i = 0; i < 2_000; i++)
{
    ActorRef<Account> from = accounts[random.Next(accounts.Length)];
    ActorRef<Account> to = accounts[random.Next(accounts.Length)];
    transfers.Add(tellers[i % tellers.Length].Ask(new Transfer(from, to, random.Next(1, 300))));
}

bool[] outcomes = await Task.WhenAll(transfers);

// Deposits are Tells; an Ask behind them on the same account is answered only after they were applied.
decimal total = 0;
for (int i = 0; i < accounts.Length; i++)
{
    decimal balance = await accounts[i].Ask(new GetBalance());
    total += balance;
    Console.WriteLine($"{accounts[i],-12} {balance,10:N2}");
}

Console.WriteLine($"transfers: {outcomes.Count(ok => ok)} done, {outcomes.Count(ok => !ok)} refused (insufficient funds)");
Console.WriteLine($"total: {total:N2} (opened with {accounts.Length * 1_000m:N2})");
return total == accounts.Length * 1_000m ? 0 : 1;

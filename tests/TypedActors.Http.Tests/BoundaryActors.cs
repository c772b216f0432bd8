using TypedActors;

namespace TypedActors.Http.Tests;

public sealed record MakeCycle;
public sealed record MakeChain(int Depth);
public sealed record Fill(int Items);

/// <summary>Builds the states a hostile GET must survive: a cycle, a very deep chain, and millions of items.</summary>
public partial class Hoarder : Actor
{
    public Dictionary<string, object> Bag { get; } = [];

    public List<object> Chain { get; } = [];

    public List<int> Items { get; } = [];

    [Receive] void On(MakeCycle _) => Bag["self"] = Bag;

    [Receive]
    void On(MakeChain m)
    {
        List<object> current = Chain;
        for (int i = 0; i < m.Depth; i++)
        {
            var next = new List<object>();
            current.Add(next);
            current = next;
        }
    }

    [Receive] void On(Fill m) => Items.AddRange(Enumerable.Range(0, m.Items));
}

public sealed record Deposit(decimal Amount);
public sealed record Withdraw(decimal Amount);
public sealed record GetBalance;

/// <summary>An account; its balance is public state, so GET shows it.</summary>
public partial class Account : Actor
{
    public Account(decimal opening) => Balance = opening;

    public decimal Balance { get; private set; }

    [Receive] void On(Deposit m) => Balance += m.Amount;

    [Receive] decimal On(GetBalance _) => Balance;

    [Receive]
    bool On(Withdraw m)
    {
        if (m.Amount > Balance)
        {
            return false;
        }

        Balance -= m.Amount;
        return true;
    }
}

[ActorMessage]
public sealed record OpenAccount(decimal Opening);

public sealed record Transfer(ActorRef<Account> From, ActorRef<Account> To, decimal Amount);
public sealed record Reap(Address Target);
public sealed record Partners;

/// <summary>
/// Moves money between the accounts a message names, kills an address it is given, and remembers the last accounts
/// and a helper it spawned itself: what an attacker would aim at through addresses in bodies.
/// </summary>
public partial class Teller : Actor
{
    public ActorRef<Account> LastFrom { get; private set; }

    public Address Helper { get; private set; }

    protected override Task OnStarted()
    {
        Helper = Spawn(() => new Account(0)).Address;
        return Task.CompletedTask;
    }

    [Receive]
    async Task<bool> On(Transfer m)
    {
        LastFrom = m.From;
        if (!await m.From.Ask(new Withdraw(m.Amount)))
        {
            return false;
        }

        m.To.Tell(new Deposit(m.Amount));
        return true;
    }

    [Receive] void On(Reap m) => m.Target.Kill();

    [Receive] (ActorRef<Account> From, Address Helper) On(Partners _) => (LastFrom, Helper);
}

/// <summary>Private data that GET must not show unless the actor says so.</summary>
public partial class Vault : Actor
{
    private readonly string _apiKey = "key-123";

    public int Opened { get; private set; }

    private string Password { get; set; } = "hunter2";

    [Receive]
    int On(GetBalance _)
    {
        Opened += _apiKey.Length > 0 && Password.Length > 0 ? 1 : 0;
        return Opened;
    }
}

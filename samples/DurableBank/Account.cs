using TypedActors;

namespace DurableBank;

public sealed record Deposit(decimal Amount);
public sealed record Withdraw(decimal Amount);
public sealed record GetBalance;

// Events: what happened to an account, stored in the journal. Sealed records, so they provably never change.
public sealed record Deposited(decimal Amount);
public sealed record Withdrawn(decimal Amount);

/// <summary>
/// A bank account whose balance survives restarts. Handlers persist events; once an event is durable its [Apply]
/// method changes the balance, and on the next start the stored events (after the latest snapshot) are applied again.
/// </summary>
[Persistent(SnapshotEvery = 100)]
public partial class Account : Actor
{
    private decimal _balance;

    [Receive] Task On(Deposit m) => Persist(new Deposited(m.Amount));

    [Receive]
    async Task<bool> On(Withdraw m)
    {
        if (m.Amount > _balance)
        {
            return false;
        }

        await Persist(new Withdrawn(m.Amount)); // stored durably, then applied, before the reply is sent
        return true;
    }

    [Receive] decimal On(GetBalance _) => _balance;

    [Apply] void Apply(Deposited e) => _balance += e.Amount;

    [Apply] void Apply(Withdrawn e) => _balance -= e.Amount;
}

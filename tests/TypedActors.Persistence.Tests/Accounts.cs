namespace TypedActors.Persistence.Tests;

public sealed record Deposit(decimal Amount);
public sealed record Withdraw(decimal Amount);
public sealed record GetBalance;
public sealed record Deposited(decimal Amount);
public sealed record Withdrawn(decimal Amount);

[Persistent(SnapshotEvery = 1000)]
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

        await Persist(new Withdrawn(m.Amount));
        return true;
    }

    [Receive] decimal On(GetBalance _) => _balance;

    [Apply] void Apply(Deposited e) => _balance += e.Amount;

    [Apply] void Apply(Withdrawn e) => _balance -= e.Amount;
}

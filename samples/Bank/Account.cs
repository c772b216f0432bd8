using TypedActors;

namespace Bank;

public sealed record Deposit(decimal Amount);
public sealed record Withdraw(decimal Amount);
public sealed record GetBalance;

/// <summary>A bank account: its balance is private state that only its own handlers touch, one message at a time.</summary>
public partial class Account : Actor
{
    [State] private decimal _balance; // shown by the gateway's GET; other private members are not

    public Account(decimal openingBalance = 0) => _balance = openingBalance;

    [Receive] void On(Deposit m) => _balance += m.Amount;

    [Receive] decimal On(GetBalance _) => _balance;

    [Receive]
    async Task<bool> On(Withdraw m)
    {
        if (m.Amount > _balance)
        {
            return false;
        }

        await Task.Yield(); // handlers may be async; the actor still runs one message at a time
        _balance -= m.Amount;
        return true;
    }
}

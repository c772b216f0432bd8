using TypedActors;

namespace Bank;

public sealed record Deposit(decimal Amount);

/// <summary>Gives <see cref="Deposit"/> a handler, so the generator writes its wire format.</summary>
public partial class Account : Actor
{
    private decimal _balance;

    [Receive] void On(Deposit m) => _balance += m.Amount;
}

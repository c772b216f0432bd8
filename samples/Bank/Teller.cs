using TypedActors;

namespace Bank;

public sealed record Transfer(ActorRef<Account> From, ActorRef<Account> To, decimal Amount);

/// <summary>Moves money between accounts: withdraw first (asking, so an overdraft is refused), then deposit.</summary>
public partial class Teller : Actor
{
    private int _completed;
    private int _refused;

    [Receive]
    async Task<bool> On(Transfer transfer)
    {
        if (!await transfer.From.Ask(new Withdraw(transfer.Amount)))
        {
            _refused++;
            return false;
        }

        transfer.To.Tell(new Deposit(transfer.Amount));
        _completed++;
        return true;
    }

    [Receive] (int Completed, int Refused) On(GetTellerStats _) => (_completed, _refused);
}

public sealed record GetTellerStats;

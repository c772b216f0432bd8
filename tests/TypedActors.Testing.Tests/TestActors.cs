namespace TypedActors.Testing.Tests;

public sealed record Deposit(decimal Amount);
public sealed record GetBalance;
public sealed record Withdraw(decimal Amount);
public sealed record Audit(List<string> Lines);
public sealed record Ping(int Round);
public sealed record Remind(TimeSpan After, string Text);
public sealed record Note(string Text);
public sealed record GetNotes;
public sealed record Crash(string Why);
public sealed record Forward(decimal Amount);
public sealed record Transfer(decimal Amount);
public sealed record AuditTo(List<string> Lines);
public sealed record AwaitGate;
public sealed record ChainReminders(int Count, TimeSpan Every);
public sealed record Pause(TimeSpan For);
public sealed record AwaitNote;

/// <summary>The collaborator that tests replace with probes: its handlers decide what a probe can receive and reply.</summary>
public partial class Account : Actor
{
    private decimal _balance;

    [Receive] void On(Deposit deposit) => _balance += deposit.Amount;

    [Receive] decimal On(GetBalance _) => _balance;

    [Receive] Task<bool> On(Withdraw withdraw) => Task.FromResult(withdraw.Amount <= _balance);

    [Receive] void On(Audit audit) => audit.Lines.Add("seen by the account");
}

/// <summary>Works against an account: tells, asks, and audits with a mutable message it changes after sending.</summary>
public partial class Teller(ActorRef<Account> account) : Actor
{
    public decimal LastBalance { get; private set; }

    public int Transfers { get; private set; }

    [Receive] void On(Forward forward) => account.Tell(new Deposit(forward.Amount));

    [Receive]
    async Task<bool> On(Transfer transfer)
    {
        Transfers++;
        bool ok = await account.Ask(new Withdraw(transfer.Amount));
        LastBalance = await account.Ask(new GetBalance());
        return ok;
    }

    [Receive]
    void On(AuditTo audit)
    {
        var lines = new List<string>(audit.Lines);
        account.Tell(new Audit(lines));
        lines.Add("changed by the teller after sending"); // the account's copy must not see this
    }
}

/// <summary>Keeps notes; reminds itself with timers, in chains when asked.</summary>
public partial class Notebook : Actor
{
    private readonly List<string> _notes = [];

    public Notebook(TimeSpan? idle = null)
    {
        if (idle is { } timeout)
        {
            SetReceiveTimeout(timeout);
        }
    }

    [Receive] void On(Remind remind) => SendAfter(remind.After, new Note(remind.Text));

    [Receive]
    void On(ChainReminders chain)
    {
        _notes.Add($"chain {chain.Count} at {ActorSystem.TimeProvider.GetUtcNow():HH:mm:ss}");
        if (chain.Count > 1)
        {
            SendAfter(chain.Every, chain with { Count = chain.Count - 1 });
        }
    }

    [Receive] void On(Note note) => _notes.Add(note.Text);

    [Receive] void On(ReceiveTimeout _) => _notes.Add($"idle at {ActorSystem.TimeProvider.GetUtcNow():HH:mm:ss}");

    [Receive] void On(Crash crash) => throw new InvalidOperationException(crash.Why);

    [Receive] string[] On(GetNotes _) => [.. _notes];
}

/// <summary>Sends itself a message for every message it gets: never idle.</summary>
public partial class Spinner : Actor
{
    [Receive] void On(Ping ping) => Self.Tell(new Ping(ping.Round + 1));
}

/// <summary>Its handler awaits a task from outside the actors, which the test completes.</summary>
public partial class Waiter(Task gate) : Actor
{
    public string Stage { get; private set; } = "idle";

    [Receive]
    async Task On(AwaitGate _)
    {
        Stage = "awaiting the gate";
        await gate;
        Stage = "through the gate";
    }
}

/// <summary>Its handlers wait inside the actor: for a delay on the system's clock, and for a note with a selective receive.</summary>
public partial class Patient : Actor
{
    [Receive]
    async Task<string> On(Pause pause)
    {
        await Task.Delay(pause.For, ActorSystem.TimeProvider, StoppingToken);
        return $"resumed at {ActorSystem.TimeProvider.GetUtcNow():HH:mm:ss}";
    }

    [Receive]
    async Task<string> On(AwaitNote _)
    {
        Note note = await Receive<Note>();
        return note.Text;
    }

    [Receive] void On(Note note) { }
}

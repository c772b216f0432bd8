namespace TypedActors.Http.Tests.Observer;

public sealed record Work(int Units);
public sealed record Befriend(ActorRef<Worker> Friend);
public sealed record Crash(string Why);
public sealed record StartTeam(int Size);

/// <summary>Does units of work; a thousand of these are what the page must count.</summary>
public partial class Worker : Actor
{
    public long Done { get; private set; }

    [Receive] void On(Work work) => Done += work.Units;
}

/// <summary>Idles; the browser test spawns a thousand of these and the page must show exactly that many.</summary>
public partial class Drone : Actor
{
}

/// <summary>Holds every message until the test opens its gate, so a flood piles up in its mailbox.</summary>
public partial class Sink : Actor
{
    private readonly Task _gate;

    public Sink(Task gate) => _gate = gate;

    public long Received { get; private set; }

    [Receive]
    async Task On(Work work)
    {
        await _gate;
        Received += work.Units;
    }
}

/// <summary>State with a public member, a private [State] one, a hidden one and an address, for the state panel.</summary>
public partial class Victim : Actor
{
    [State] private int _visits = 3;
    private string _secret = "not shown";

    public string Name { get; private set; } = "victim";

    public ActorRef<Worker>? Friend { get; private set; }

    [Receive] void On(Befriend m) => Friend = m.Friend;

    [Receive] void On(Crash m) => throw new InvalidOperationException(m.Why + _secret.Length + _visits);
}

/// <summary>Spawns a team of linked workers and monitors the first: the tree shows children, links and monitors.</summary>
public partial class Manager : Actor
{
    public int Team { get; private set; }

    [Receive]
    void On(StartTeam m)
    {
        for (int i = 0; i < m.Size; i++)
        {
            ActorRef<Worker> worker = SpawnLinked<Worker>();
            if (i == 0)
            {
                Monitor(worker.Address);
            }
        }

        Team = m.Size;
    }

    [Receive] void On(Down _) => Team--;
}

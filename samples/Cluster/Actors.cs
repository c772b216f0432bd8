using TypedActors;

namespace ClusterDemo;

public sealed record Add(int Amount);

public sealed record Total;

/// <summary>An ordinary actor: nothing in it knows about the cluster.</summary>
public partial class Tally : Actor
{
    private int _total;

    [Receive]
    public void On(Add add) => _total += add.Amount;

    [Receive]
    public int On(Total request) => _total;
}

public sealed record WatchTally(ActorRef<Tally> Tally);

/// <summary>Monitors tallies anywhere in the cluster and reports their end to the process it runs in.</summary>
public partial class Watchdog(DemoEvents events) : Actor
{
    [Receive]
    public int On(WatchTally watch)
    {
        Monitor(watch.Tally);
        return 1;
    }

    [Receive]
    public void On(Down down) => events.Report($"Down {down.Who} {down.Reason}");
}

/// <summary>How the watchdog tells this process what it saw.</summary>
public sealed class DemoEvents
{
    private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> First => _first.Task;

    public void Report(string line)
    {
        Console.WriteLine($"watchdog: {line}");
        _first.TrySetResult(line);
    }
}

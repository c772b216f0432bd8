using TypedActors;

namespace TypedActors.Tests;

public sealed record Increment;
public sealed record GetCount;
public sealed record Record(int Sender, int Sequence);
public sealed record GetRecords;
public sealed record Boom(string Text);
public sealed record Hang;
public sealed record Echo(string Text);
public sealed record SlowIncrement;
public sealed record GetMaxConcurrency;

/// <summary>Counts increments; used for lost-update tests.</summary>
public partial class Counter : Actor
{
    private int _count;

    [Receive] void On(Increment _) => _count++;

    [Receive] int On(GetCount _) => _count;
}

/// <summary>Records messages in arrival order.</summary>
public partial class Recorder : Actor
{
    private readonly List<Record> _records = [];

    [Receive] void On(Record record) => _records.Add(record);

    [Receive] Record[] On(GetRecords _) => [.. _records];
}

/// <summary>Fails on demand, hangs on demand, echoes otherwise.</summary>
public partial class Moody : Actor
{
    [Receive] string On(Echo echo) => echo.Text;

    [Receive] int On(Boom boom) => throw new InvalidOperationException(boom.Text);

    [Receive] Task On(Hang _) => new TaskCompletionSource().Task;
}

/// <summary>An async handler that would expose any overlap between two messages of the same actor.</summary>
public partial class Overlap : Actor
{
    private int _inside;
    private int _maxInside;
    private int _count;

    [Receive]
    async Task On(SlowIncrement _)
    {
        int now = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, now);
        int before = _count;
        await Task.Yield();
        await Task.Delay(1);
        _count = before + 1; // a lost update if another message ran during the awaits
        Interlocked.Decrement(ref _inside);
    }

    [Receive] (int Count, int MaxConcurrency) On(GetMaxConcurrency _) => (_count, _maxInside);
}

/// <summary>An actor with no handlers at all.</summary>
public partial class Silent : Actor
{
}

/// <summary>Its handlers wait for a gate the test opens, so the test can queue messages behind them.</summary>
public partial class Gated : Actor
{
    private readonly Task _gate;
    private readonly TaskCompletionSource? _entered;

    public Gated(Task gate, TaskCompletionSource? entered = null)
    {
        _gate = gate;
        _entered = entered;
    }

    [Receive]
    async Task<int> On(Boom boom)
    {
        _entered?.TrySetResult();
        await _gate;
        throw new InvalidOperationException(boom.Text);
    }

    [Receive]
    async Task<string> On(Echo echo)
    {
        _entered?.TrySetResult();
        await _gate;
        return echo.Text;
    }
}

/// <summary>Its stop hook waits for a gate the test opens, so the test can look at it while it terminates.</summary>
public partial class SlowToStop(Task gate) : Actor
{
    protected override Task OnStopped() => gate;
}

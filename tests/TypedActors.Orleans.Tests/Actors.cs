namespace TypedActors.Orleans.Tests;

public sealed record Increment(int By);

public sealed record GetCount;

/// <summary>State that must survive between messages and never be shared.</summary>
public partial class Counter : Actor
{
    private int _count;

    [Receive]
    public void On(Increment increment) => _count += increment.By;

    [Receive]
    public int On(GetCount request) => _count;
}

public sealed record Basket(List<string> Items);

public sealed record Mutate(Basket Basket);

public sealed record GetKept;

/// <summary>Keeps what it was sent and changes its own copy: the sender's objects must not change.</summary>
public partial class Keeper : Actor
{
    private Basket _kept = new([]);

    [Receive]
    public int On(Mutate mutate)
    {
        mutate.Basket.Items.Add("added by keeper");
        _kept = mutate.Basket;
        return mutate.Basket.Items.Count;
    }

    [Receive]
    public Basket On(GetKept request) => _kept;
}

public sealed record Wait;

public sealed record Open(string Word);

public sealed record Noise(int N);

public sealed record GetNoise;

/// <summary>Waits in a selective receive for Open while Noise queues behind it, then handles the Noise in order.</summary>
public partial class Gate : Actor
{
    private readonly List<int> _noise = [];

    [Receive]
    public async Task<string> On(Wait wait)
    {
        Open open = await Receive<Open>(timeout: TimeSpan.FromSeconds(10));
        return $"{open.Word} after {_noise.Count} noise";
    }

    [Receive]
    public void On(Open late)
    {
        // An Open nobody waits for.
    }

    [Receive]
    public void On(Noise noise) => _noise.Add(noise.N);

    [Receive]
    public int[] On(GetNoise request) => [.. _noise];
}

public sealed record Seq(int N);

public sealed record GetSeqs;

public sealed record SendSeqs(ActorRef<Recorder> To, int Count);

/// <summary>Records sequence numbers in arrival order; can also send them to another recorder.</summary>
public partial class Recorder : Actor
{
    private readonly List<int> _seen = [];

    [Receive]
    public void On(Seq seq) => _seen.Add(seq.N);

    [Receive]
    public int[] On(GetSeqs request) => [.. _seen];

    [Receive]
    public void On(SendSeqs send)
    {
        for (int i = 0; i < send.Count; i++)
        {
            send.To.Tell(new Seq(i));
        }
    }
}

public sealed record Watch(Address Target, bool Link);

public sealed record GetExits;

public sealed record Forward(ActorRef<Counter> Target);

public sealed record AskThrough;

/// <summary>Monitors or links (trapping exits) to other actors and records what it learns; can ask a stored reference.</summary>
public partial class Watcher : Actor
{
    private readonly List<string> _events = [];
    private ActorRef<Counter> _stored;

    protected override Task OnStarted()
    {
        TrapExits = true;
        return Task.CompletedTask;
    }

    [Receive]
    public async Task On(Watch watch)
    {
        if (watch.Link)
        {
            Link(watch.Target);
        }
        else
        {
            Monitor(watch.Target);
        }

        // Deliveries from one sender are ordered: once this is answered, the target has seen the link or monitor.
        await watch.Target.Ask<int>(new GetCount(), TimeSpan.FromSeconds(10));
    }

    [Receive]
    public void On(Down down) => _events.Add($"down {down.Who.Id} {down.Reason}");

    [Receive]
    public void On(Exited exited) => _events.Add($"exit {exited.Who.Id} {exited.Reason}");

    [Receive]
    public string[] On(GetExits request) => [.. _events];

    [Receive]
    public void On(Forward forward) => _stored = forward.Target;

    [Receive]
    public async Task<string> On(AskThrough request)
    {
        try
        {
            int count = await _stored.Ask(new GetCount(), TimeSpan.FromSeconds(10));
            return $"count {count}";
        }
        catch (DeadActorException exception)
        {
            return $"dead {exception.Reason}";
        }
        catch (ActorUnreachableException)
        {
            return "unreachable";
        }
    }
}

public sealed record Fail(string Why);

/// <summary>Fails on request.</summary>
public partial class Fragile : Actor
{
    [Receive]
    public int On(Fail fail) => throw new InvalidOperationException(fail.Why);

    [Receive]
    public int On(GetCount request) => 1;
}

public sealed record Put<TKey, TValue>(TKey Key, TValue Value);

public sealed record Get<TKey>(TKey Key);

/// <summary>A generic actor, registered and placed closed (<c>Cache&lt;string, int&gt;</c>), like any kind.</summary>
public partial class Cache<TKey, TValue> : Actor
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = [];

    [Receive]
    public void On(Put<TKey, TValue> put) => _items[put.Key] = put.Value;

    [Receive]
    public TValue? On(Get<TKey> get) => _items.TryGetValue(get.Key, out TValue? value) ? value : default;
}

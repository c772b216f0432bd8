namespace TypedActors.Tests;

/// <summary>Tells its parent as soon as it has started, then lets the parent's constructor go on.</summary>
public partial class EagerChild : Actor
{
    private readonly Address _parent;
    private readonly ManualResetEventSlim _told;

    public EagerChild(Address parent, ManualResetEventSlim told)
    {
        _parent = parent;
        _told = told;
    }

    protected override Task OnStarted()
    {
        _parent.Send(new Increment());
        _told.Set();
        return Task.CompletedTask;
    }
}

/// <summary>Spawns a child in its constructor and finishes constructing only after the child has messaged it.</summary>
public partial class SlowlyConstructedParent : Actor
{
    private int _count;
    private int _starts;

    public SlowlyConstructedParent()
    {
        using var told = new ManualResetEventSlim();
        Spawn(() => new EagerChild(SelfAddress, told));
        // Blocking on purpose: it holds the parent before its instance is attached until the child's message is in.
#pragma warning disable TA3001
        if (!told.Wait(TimeSpan.FromSeconds(30)))
#pragma warning restore TA3001
        {
            throw new TimeoutException("the child never started");
        }
    }

    protected override Task OnStarted()
    {
        _starts++;
        return Task.CompletedTask;
    }

    [Receive] void On(Increment _) => _count++;

    [Receive] int On(GetCount _) => _starts * 1000 + _count;
}

public class StartBeforeAttachTests
{
    [Fact]
    public async Task A_message_that_arrives_while_the_constructor_runs_waits_for_the_start()
    {
        await using var system = new ActorSystem();

        // The child's message schedules a turn of the parent before the parent's instance is attached; that turn must
        // neither start a missing instance nor lose the message.
        ActorRef<SlowlyConstructedParent> parent = system.Spawn(() => new SlowlyConstructedParent());

        Assert.Equal(1001, await parent.Ask(new GetCount()).Within()); // started once, then handled the child's message
        Assert.False(parent.IsDead);
        Assert.Equal(0, system.DeadLetters.Count);
    }
}

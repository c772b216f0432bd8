using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record Fail(string Why);
public sealed record Quit;

/// <summary>A supervised worker: counts, fails or quits on request, and journals its starts.</summary>
public partial class Worker : Actor
{
    private readonly ConcurrentQueue<string> _journal;
    private readonly string _name;
    private int _count;

    public Worker(ConcurrentQueue<string> journal, string name)
    {
        _journal = journal;
        _name = name;
    }

    protected override Task OnStarted()
    {
        _journal.Enqueue($"start {_name}");
        return Task.CompletedTask;
    }

    [Receive] void On(Increment _) => _count++;
    [Receive] int On(GetCount _) => _count;
    [Receive] void On(Fail fail) => throw new InvalidOperationException(fail.Why);
    [Receive] void On(Quit _) => Stop();
}

public class SupervisionTests
{
    [Fact]
    public async Task A_restarted_child_keeps_its_address_and_the_messages_queued_behind_the_failure()
    {
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using IDisposable subscription = system.DeadLetters.Subscribe(letters.Enqueue);
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        system.Spawn(() => new Supervisor(new SupervisorOptions(), spec));
        ActorRef<Worker> worker = spec.Ref;
        int actorsBefore = system.ActorCount;

        worker.Tell(new Increment());
        worker.Tell(new Increment());
        worker.Tell(new Fail("transient glitch"));
        worker.Tell(new Increment());
        worker.Tell(new Increment());
        worker.Tell(new Increment());

        Assert.Equal(3, await worker.Ask(new GetCount()).Within()); // fresh state, plus the three queued increments
        Assert.Equal(["start w", "start w"], journal);
        DeadLetter failed = Assert.Single(letters);
        Assert.Equal(DeadLetterReason.HandlerFailed, failed.Reason);
        Assert.IsType<Fail>(failed.Message);
        Assert.False(worker.IsDead);
        Assert.Equal(actorsBefore, system.ActorCount);
    }

    [Fact]
    public async Task Exceeding_the_restart_intensity_fails_the_supervisor_and_stops_its_children()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        ActorRef<Supervisor> supervisor = kit.Spawn(() => new Supervisor(
            new SupervisorOptions { MaxRestarts = 2, Within = TimeSpan.FromMinutes(1) }, spec));

        for (int i = 0; i < 2; i++)
        {
            spec.Ref.Tell(new Fail($"crash {i}"));
            await kit.RunUntilIdleAsync();
            Assert.Equal(i + 2, journal.Count); // restarted
        }

        spec.Ref.Tell(new Fail("crash 2"));
        ExitReason reason = await kit.ExpectTerminatedAsync(supervisor);
        Assert.Equal(3, journal.Count);         // the first start and two restarts: no third
        Assert.Equal(ExitKind.Failed, reason.Kind);
        Assert.Equal(typeof(SupervisionException).FullName, reason.ExceptionType);
        Assert.Contains("crash 2", reason.Message);
        Assert.True((await spec.Ref.Completion.Within()).Kind is ExitKind.Failed);
        Assert.Equal(0, system.ActorCount);
    }

    [Theory]
    [InlineData(-1, false)] // the window has not quite passed: the first two restarts still count
    [InlineData(+1, true)]  // it has: they no longer count
    public async Task Restarts_older_than_the_intensity_window_no_longer_count(int msPastWindow, bool survives)
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        var options = new SupervisorOptions { MaxRestarts = 2, Within = TimeSpan.FromSeconds(10) };
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        ActorRef<Supervisor> supervisor = kit.Spawn(() => new Supervisor(options, spec));

        for (int i = 0; i < 2; i++)
        {
            spec.Ref.Tell(new Fail($"early crash {i}"));
            Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within()); // answered by the restarted instance
        }

        await kit.RunUntilIdleAsync();
        kit.Time.Advance(options.Within + TimeSpan.FromMilliseconds(msPastWindow));
        spec.Ref.Tell(new Fail("late crash"));

        if (survives)
        {
            Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within());
            Assert.Equal(4, journal.Count); // the first start and three restarts
            spec.Ref.Tell(new Fail("second late crash")); // two restarts in the new window: still within the limit
            Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within());
            spec.Ref.Tell(new Fail("third late crash"));  // three: more than the limit
        }

        ExitReason reason = await kit.ExpectTerminatedAsync(supervisor);
        Assert.Equal(typeof(SupervisionException).FullName, reason.ExceptionType);
        Assert.Equal(survives ? 5 : 3, journal.Count);
    }

    [Fact]
    public async Task A_supervisor_that_gives_up_escalates_to_its_own_supervisor()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ChildSpec<Worker> leaf = ChildSpec.Of(() => new Worker(journal, "leaf"));
        ChildSpec<Supervisor> inner = ChildSpec.Of(() => new Supervisor(new SupervisorOptions { MaxRestarts = 0 }, leaf));
        kit.Spawn(() => new Supervisor(new SupervisorOptions(), inner));
        ActorRef<Worker> firstLeaf = leaf.Ref;

        firstLeaf.Tell(new Fail("give up"));
        await kit.RunUntilIdleAsync();

        Assert.True(firstLeaf.IsDead);                              // the inner supervisor gave up on it
        Assert.NotEqual(firstLeaf, leaf.Ref);                       // ...and was restarted, starting a new leaf
        Assert.Equal(0, await leaf.Ref.Ask(new GetCount()).Within());
        Assert.Equal(["start leaf", "start leaf"], journal);
    }

    [Theory]
    [InlineData(SupervisionStrategy.OneForOne, new[] { "start b" })]
    [InlineData(SupervisionStrategy.OneForAll, new[] { "start a", "start b", "start c" })]
    [InlineData(SupervisionStrategy.RestForOne, new[] { "start b", "start c" })]
    public async Task Strategies_restart_the_right_children_in_declaration_order(SupervisionStrategy strategy, string[] restarts)
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ChildSpec<Worker>[] specs = [.. new[] { "a", "b", "c" }.Select(name => ChildSpec.Of(() => new Worker(journal, name)))];
        kit.Spawn(() => new Supervisor(new SupervisorOptions { Strategy = strategy }, specs));
        await Task.WhenAll(specs.Select(s => s.Ref.Ask(new Increment()))).Within(); // initial starts run concurrently
        Assert.Equal(3, journal.Count);

        specs[1].Ref.Tell(new Fail("b broke"));
        await kit.RunUntilIdleAsync();
        int[] counts = await Task.WhenAll(specs.Select(s => s.Ref.Ask(new GetCount()))).Within();

        Assert.Equal(restarts, journal.Skip(3));                       // restarts are sequential, in declaration order
        Assert.Equal(3 + restarts.Length, journal.Count);              // and nothing else was restarted
        string[] names = ["a", "b", "c"];
        for (int i = 0; i < 3; i++)
        {
            bool restarted = restarts.Contains($"start {names[i]}");
            Assert.Equal(restarted ? 0 : 1, counts[i]);                // a restarted child has fresh state
        }
    }

    [Fact]
    public async Task Restart_policies_decide_which_exits_are_restarted()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ChildSpec<Worker> permanent = ChildSpec.Of(() => new Worker(journal, "permanent"), RestartPolicy.Permanent);
        ChildSpec<Worker> transient = ChildSpec.Of(() => new Worker(journal, "transient"), RestartPolicy.Transient);
        ChildSpec<Worker> transientFailing = ChildSpec.Of(() => new Worker(journal, "transient-failing"), RestartPolicy.Transient);
        ChildSpec<Worker> temporary = ChildSpec.Of(() => new Worker(journal, "temporary"), RestartPolicy.Temporary);
        kit.Spawn(() => new Supervisor(new SupervisorOptions(), permanent, transient, transientFailing, temporary));
        await kit.RunUntilIdleAsync();
        Assert.Equal(4, journal.Count);

        permanent.Ref.Tell(new Quit());               // normal exit: restarted anyway
        transient.Ref.Tell(new Quit());               // normal exit: not restarted
        transientFailing.Ref.Tell(new Fail("abnormal"));  // abnormal exit: restarted
        temporary.Ref.Tell(new Fail("abnormal"));     // never restarted

        Assert.Equal(ExitKind.Normal, (await kit.ExpectTerminatedAsync(transient.Ref)).Kind);
        Assert.Equal(ExitKind.Failed, (await kit.ExpectTerminatedAsync(temporary.Ref)).Kind);
        Assert.Equal(0, await permanent.Ref.Ask(new GetCount()).Within());
        Assert.Equal(0, await transientFailing.Ref.Ask(new GetCount()).Within());
        Assert.Equal(2, journal.Count(e => e == "start permanent"));
        Assert.Equal(2, journal.Count(e => e == "start transient-failing"));
        Assert.Equal(1, journal.Count(e => e == "start transient"));
        Assert.Equal(1, journal.Count(e => e == "start temporary"));
    }

    [Fact]
    public async Task Exponential_back_off_delays_restarts()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        kit.Spawn(() => new Supervisor(
            new SupervisorOptions { MaxRestarts = 10, Within = TimeSpan.FromHours(1), Backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) },
            spec));
        await kit.RunUntilIdleAsync();
        Assert.Equal(["start w"], journal);

        foreach (TimeSpan delay in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) })
        {
            int before = journal.Count;
            spec.Ref.Tell(new Fail("again"));
            await kit.RunUntilIdleAsync();
            Assert.Equal(kit.Time.GetUtcNow() + delay, kit.Time.NextTimerDue); // the supervisor scheduled the restart

            kit.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            await kit.RunUntilIdleAsync();
            Assert.Equal(before, journal.Count); // the restart waits for the timer, which has not fired
            kit.Time.Advance(TimeSpan.FromMilliseconds(1));
            await kit.RunUntilIdleAsync();
            Assert.Equal(before + 1, journal.Count);
        }
    }

    [Fact]
    public async Task Ten_thousand_crash_restart_cycles_leak_no_actor_and_account_for_every_message()
    {
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem();
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        system.Spawn(() => new Supervisor(new SupervisorOptions { MaxRestarts = int.MaxValue, Within = TimeSpan.FromSeconds(1) }, spec));
        int baseline = system.ActorCount;

        for (int i = 0; i < 10_000; i++)
        {
            spec.Ref.Tell(new Increment());
            spec.Ref.Tell(new Fail("cycle"));
        }

        spec.Ref.Tell(new Increment());
        Assert.Equal(1, await spec.Ref.Ask(new GetCount(), TimeSpan.FromSeconds(60)).Within(TimeSpan.FromSeconds(60)));
        Assert.Equal(10_001, journal.Count);             // the first start and 10,000 restarts
        Assert.Equal(10_000, system.DeadLetters.Count);  // exactly the failing messages; every increment was processed
        Assert.Equal(baseline, system.ActorCount);
    }
}

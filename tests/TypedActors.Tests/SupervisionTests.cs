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
        await using var system = new ActorSystem();
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        ActorRef<Supervisor> supervisor = system.Spawn(() => new Supervisor(
            new SupervisorOptions { MaxRestarts = 2, Within = TimeSpan.FromMinutes(1) }, spec));

        for (int i = 0; i < 3; i++)
        {
            spec.Ref.Tell(new Fail($"crash {i}"));
            await Deadline.Until(() => journal.Count == i + 2 || supervisor.IsDead);
        }

        ExitReason reason = await supervisor.Completion.Within();
        Assert.Equal(ExitKind.Failed, reason.Kind);
        Assert.Equal(typeof(SupervisionException).FullName, reason.ExceptionType);
        Assert.Contains("crash 2", reason.Message);
        Assert.True((await spec.Ref.Completion.Within()).Kind is ExitKind.Failed);
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task A_supervisor_that_gives_up_escalates_to_its_own_supervisor()
    {
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem();
        ChildSpec<Worker> leaf = ChildSpec.Of(() => new Worker(journal, "leaf"));
        ChildSpec<Supervisor> inner = ChildSpec.Of(() => new Supervisor(new SupervisorOptions { MaxRestarts = 0 }, leaf));
        system.Spawn(() => new Supervisor(new SupervisorOptions(), inner));
        ActorRef<Worker> firstLeaf = leaf.Ref;

        firstLeaf.Tell(new Fail("give up"));

        await firstLeaf.Completion.Within();                          // the inner supervisor gave up on it
        await Deadline.Until(() => leaf.Ref != firstLeaf);          // ...and was restarted, starting a new leaf
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
        await using var system = new ActorSystem();
        ChildSpec<Worker>[] specs = [.. new[] { "a", "b", "c" }.Select(name => ChildSpec.Of(() => new Worker(journal, name)))];
        system.Spawn(() => new Supervisor(new SupervisorOptions { Strategy = strategy }, specs));
        await Task.WhenAll(specs.Select(s => s.Ref.Ask(new Increment()))).Within(); // initial starts run concurrently
        Assert.Equal(3, journal.Count);

        specs[1].Ref.Tell(new Fail("b broke"));
        await Deadline.Until(() => journal.Count == 3 + restarts.Length);
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
        await using var system = new ActorSystem();
        ChildSpec<Worker> permanent = ChildSpec.Of(() => new Worker(journal, "permanent"), RestartPolicy.Permanent);
        ChildSpec<Worker> transient = ChildSpec.Of(() => new Worker(journal, "transient"), RestartPolicy.Transient);
        ChildSpec<Worker> transientFailing = ChildSpec.Of(() => new Worker(journal, "transient-failing"), RestartPolicy.Transient);
        ChildSpec<Worker> temporary = ChildSpec.Of(() => new Worker(journal, "temporary"), RestartPolicy.Temporary);
        system.Spawn(() => new Supervisor(new SupervisorOptions(), permanent, transient, transientFailing, temporary));
        await Deadline.Until(() => journal.Count == 4);

        permanent.Ref.Tell(new Quit());               // normal exit: restarted anyway
        transient.Ref.Tell(new Quit());               // normal exit: not restarted
        transientFailing.Ref.Tell(new Fail("abnormal"));  // abnormal exit: restarted
        temporary.Ref.Tell(new Fail("abnormal"));     // never restarted

        Assert.Equal(ExitKind.Normal, (await transient.Ref.Completion.Within()).Kind);
        Assert.Equal(ExitKind.Failed, (await temporary.Ref.Completion.Within()).Kind);
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
        var clock = new TimerCountingClock();
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem(new ActorSystemOptions { TimeProvider = clock });
        ChildSpec<Worker> spec = ChildSpec.Of(() => new Worker(journal, "w"));
        system.Spawn(() => new Supervisor(
            new SupervisorOptions { MaxRestarts = 10, Within = TimeSpan.FromHours(1), Backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) },
            spec));
        await Deadline.Until(() => journal.Count == 1);

        foreach (TimeSpan delay in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) })
        {
            int before = journal.Count;
            int timers = clock.TimersCreated;
            spec.Ref.Tell(new Fail("again"));
            await Deadline.Until(() => clock.TimersCreated > timers); // the supervisor has armed its back-off timer
            await Task.Delay(50); // the behaviour under test is that nothing happens until the fake clock moves
            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.Equal(before, journal.Count);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await Deadline.Until(() => journal.Count == before + 1);
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

using System.Collections.Concurrent;

namespace TypedActors.Tests;

/// <summary>Failures the test arms in advance: each armed one makes the next attempt fail.</summary>
public sealed class ArmedFailures
{
    private int _armed;

    public void Arm(int failures) => Volatile.Write(ref _armed, failures);

    /// <summary>True (and one failure fewer armed) when this attempt must fail.</summary>
    public bool Take()
    {
        while (true)
        {
            int armed = Volatile.Read(ref _armed);
            if (armed <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _armed, armed - 1, armed) == armed)
            {
                return true;
            }
        }
    }
}

/// <summary>A worker whose OnStarted fails while failures are armed; it journals each start and how it went.</summary>
public partial class BadStarter : Actor
{
    private readonly ConcurrentQueue<string> _journal;
    private readonly ArmedFailures _startFailures;
    private int _count;

    public BadStarter(ConcurrentQueue<string> journal, ArmedFailures startFailures)
    {
        _journal = journal;
        _startFailures = startFailures;
    }

    protected override Task OnStarted()
    {
        if (_startFailures.Take())
        {
            _journal.Enqueue("start failed");
            throw new InvalidOperationException("bad start");
        }

        _journal.Enqueue("started");
        return Task.CompletedTask;
    }

    [Receive] void On(Increment _) => _count++;
    [Receive] int On(GetCount _) => _count;
    [Receive] void On(Fail fail) => throw new InvalidOperationException(fail.Why);
}

/// <summary>A supervised child that fails while it starts: in OnStarted, or in its factory during a restart.</summary>
public class SupervisedStartFailureTests
{
    private static readonly SupervisorOptions Patient = new() { MaxRestarts = 5, Within = TimeSpan.FromHours(1) };

    [Fact]
    public async Task A_child_failing_in_OnStarted_after_a_restart_is_restarted_again_and_keeps_the_messages_queued_behind()
    {
        var journal = new ConcurrentQueue<string>();
        var startFailures = new ArmedFailures();
        await using var system = new ActorSystem();
        ChildSpec<BadStarter> spec = ChildSpec.Of(() => new BadStarter(journal, startFailures));
        ActorRef<Supervisor> supervisor = system.Spawn(() => new Supervisor(Patient, spec));
        Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within());

        startFailures.Arm(2);
        spec.Ref.Tell(new Fail("crash"));
        spec.Ref.Tell(new Increment()); // waits for an instance that starts
        spec.Ref.Tell(new Increment());

        Assert.Equal(2, await spec.Ref.Ask(new GetCount()).Within());
        Assert.Equal(["started", "start failed", "start failed", "started"], journal);
        Assert.Equal(1, system.DeadLetters.Count); // only the message that failed
        Assert.False(supervisor.IsDead);
    }

    [Fact]
    public async Task A_child_that_never_gets_through_OnStarted_exhausts_the_restart_intensity()
    {
        var journal = new ConcurrentQueue<string>();
        var startFailures = new ArmedFailures();
        startFailures.Arm(int.MaxValue);
        await using var system = new ActorSystem();
        ChildSpec<BadStarter> spec = ChildSpec.Of(() => new BadStarter(journal, startFailures));
        ActorRef<Supervisor> supervisor = system.Spawn(() => new Supervisor(new SupervisorOptions { MaxRestarts = 2 }, spec));
        Task<int> waiting = spec.Ref.Ask(new GetCount());

        ExitReason reason = await supervisor.Completion.Within();

        Assert.Equal(typeof(SupervisionException).FullName, reason.ExceptionType);
        Assert.Contains("last exit: failed: System.InvalidOperationException: bad start", reason.Message);
        Assert.Equal(["start failed", "start failed", "start failed"], journal); // the first start and two restarts
        Assert.Equal("bad start", (await spec.Ref.Completion.Within()).Message);
        await Assert.ThrowsAsync<DeadActorException>(() => waiting.Within());
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task A_factory_that_throws_during_a_restart_counts_as_a_failed_restart_and_is_tried_again()
    {
        var journal = new ConcurrentQueue<string>();
        var creationFailures = new ArmedFailures();
        await using var system = new ActorSystem();
        ChildSpec<Worker> spec = WorkerWhoseFactoryThrowsWhileArmed(journal, creationFailures);
        ActorRef<Supervisor> supervisor = system.Spawn(() => new Supervisor(Patient, spec));
        Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within());

        creationFailures.Arm(2);
        spec.Ref.Tell(new Fail("crash"));
        spec.Ref.Tell(new Increment()); // waits for an instance that can be created

        Assert.Equal(1, await spec.Ref.Ask(new GetCount()).Within());
        Assert.Equal(["start w", "factory threw", "factory threw", "start w"], journal);
        Assert.Equal(1, system.DeadLetters.Count);
        Assert.False(supervisor.IsDead);
    }

    [Fact]
    public async Task A_factory_that_keeps_throwing_during_restarts_exhausts_the_restart_intensity()
    {
        var journal = new ConcurrentQueue<string>();
        var creationFailures = new ArmedFailures();
        await using var system = new ActorSystem();
        ChildSpec<Worker> spec = WorkerWhoseFactoryThrowsWhileArmed(journal, creationFailures);
        ActorRef<Supervisor> supervisor = system.Spawn(() => new Supervisor(new SupervisorOptions { MaxRestarts = 2 }, spec));
        Assert.Equal(0, await spec.Ref.Ask(new GetCount()).Within());

        creationFailures.Arm(int.MaxValue);
        spec.Ref.Tell(new Fail("crash"));
        Task<int> waiting = spec.Ref.Ask(new GetCount());

        ExitReason reason = await supervisor.Completion.Within();
        Assert.Equal(typeof(SupervisionException).FullName, reason.ExceptionType);
        Assert.Contains($"last exit: failed: {typeof(ActorCreationException).FullName}", reason.Message);
        ExitReason child = await spec.Ref.Completion.Within();
        Assert.Equal(typeof(ActorCreationException).FullName, child.ExceptionType);
        Assert.Equal("no instance today", child.Exception?.InnerException?.Message);
        Assert.Equal(["start w", "factory threw", "factory threw"], journal); // the crash's restart and one retry
        await Assert.ThrowsAsync<DeadActorException>(() => waiting.Within());
        Assert.Equal(0, system.ActorCount);
    }

    private static ChildSpec<Worker> WorkerWhoseFactoryThrowsWhileArmed(ConcurrentQueue<string> journal, ArmedFailures creationFailures) =>
        ChildSpec.Of(() =>
        {
            if (creationFailures.Take())
            {
                journal.Enqueue("factory threw");
                throw new InvalidOperationException("no instance today");
            }

            return new Worker(journal, "w");
        });
}

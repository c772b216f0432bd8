using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record WaitForever;
public sealed record BlockUntilReleased;
public sealed record AwaitCancellation;
public sealed record AwaitGateIgnoringKill;
public sealed record Tick;
public sealed record StartTicking(int Interval);
public sealed record StopTicking;
public sealed record Remind(int DelayMs, string Text);

/// <summary>Records how it dies: in a journal the test owns.</summary>
public partial class Victim : Actor
{
    private readonly ConcurrentQueue<string> _journal;
    private readonly ManualResetEventSlim? _entered;
    private readonly ManualResetEventSlim? _release;
    private readonly Task? _gate;

    public Victim(ConcurrentQueue<string> journal, ManualResetEventSlim? entered = null, ManualResetEventSlim? release = null, Task? gate = null)
    {
        _journal = journal;
        _entered = entered;
        _release = release;
        _gate = gate;
    }

    [Receive]
    async Task On(WaitForever _)
    {
        try
        {
            _journal.Enqueue("waiting");
            await Receive<Tick>();
            _journal.Enqueue("received");
        }
        catch (KilledException)
        {
            _journal.Enqueue("killed in receive");
            throw;
        }
        finally
        {
            _journal.Enqueue("finally");
        }
    }

    [Receive]
    int On(BlockUntilReleased _)
    {
        _entered!.Set();
#pragma warning disable TA3001 // deliberately blocks: the test kills a handler that is running synchronously
        _release!.Wait(Deadline.Default);
#pragma warning restore TA3001
        _journal.Enqueue("handler returned");
        return 1;
    }

    [Receive]
    async Task On(AwaitCancellation _, CancellationToken cancellationToken)
    {
        try
        {
            _journal.Enqueue("awaiting");
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _journal.Enqueue("token cancelled");
            await Receive<Tick>(); // a receive after the kill throws at once
        }
    }

    [Receive]
    async Task<int> On(AwaitGateIgnoringKill _, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration seen = cancellationToken.Register(() => _journal.Enqueue("token cancelled"));
        _journal.Enqueue("awaiting the gate");
        await _gate!; // not the token: a kill cannot cut this short
        _journal.Enqueue("handler returned");
        return 2;
    }

    [Receive] void On(Tick _) => _journal.Enqueue("tick");

    protected override Task OnStopped()
    {
        _journal.Enqueue("stopped");
        return Task.CompletedTask;
    }
}

/// <summary>Uses every kind of timer.</summary>
public partial class Ticker : Actor
{
    private readonly ConcurrentQueue<string> _journal;
    private ActorTimer? _periodic;

    public Ticker(ConcurrentQueue<string> journal, TimeSpan? idle = null)
    {
        _journal = journal;
        if (idle is { } timeout)
        {
            SetReceiveTimeout(timeout);
        }
    }

    [Receive] void On(StartTicking start) => _periodic = SendPeriodically(TimeSpan.FromSeconds(start.Interval), new Tick());

    [Receive] void On(StopTicking _) => _periodic?.Cancel();

    [Receive] void On(Tick _) => _journal.Enqueue("tick");

    [Receive] void On(Remind remind) => SendAfter(TimeSpan.FromMilliseconds(remind.DelayMs), new Echo(remind.Text));

    [Receive] void On(Echo echo) => _journal.Enqueue(echo.Text);

    [Receive] void On(ReceiveTimeout _) => _journal.Enqueue("idle");

    [Receive] int On(GetCount _) => _journal.Count;
}

public class KillTests
{
    [Fact]
    public async Task Kill_during_Receive_raises_KilledException_runs_finally_and_OnStopped()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Victim> victim = kit.Spawn(() => new Victim(journal));
        Task waiting = victim.Ask(new WaitForever(), Timeout.InfiniteTimeSpan);
        await kit.RunUntilIdleAsync(); // the handler waits in its Receive
        Assert.Equal(["waiting"], journal);

        victim.Kill();

        Assert.Equal(ExitKind.Killed, (await kit.ExpectTerminatedAsync(victim)).Kind);
        await Assert.ThrowsAsync<KilledException>(() => kit.RunUntilCompletedAsync(waiting));
        Assert.Equal(["waiting", "killed in receive", "finally", "stopped"], journal);
    }

    [Fact]
    public async Task Kill_while_idle_kills_and_dead_letters_later_messages()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ActorRef<Victim> victim = kit.Spawn(() => new Victim(journal));
        victim.Tell(new Tick());
        await kit.RunUntilIdleAsync();
        Assert.Equal(["tick"], journal);

        system.Kill(victim);

        ExitReason reason = await kit.ExpectTerminatedAsync(victim);
        Assert.Equal(ExitKind.Killed, reason.Kind);
        Assert.Equal("killed", reason.ToString());
        victim.Tell(new Tick());
        Assert.Equal(1, system.DeadLetters.Count);
        Assert.Equal(["tick", "stopped"], journal);
    }

    [Fact]
    public async Task Kill_while_a_handler_runs_synchronously_dispatches_nothing_more()
    {
        var journal = new ConcurrentQueue<string>();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        await using var system = new ActorSystem();
        ActorRef<Victim> victim = system.Spawn(() => new Victim(journal, entered, release));

        Task<int> running = victim.Ask(new BlockUntilReleased());
        Task<int> queuedAsk = victim.Ask(new BlockUntilReleased());
        victim.Tell(new Tick());
        Assert.True(entered.Wait(Deadline.Default));

        victim.Kill();
        release.Set();

        Assert.Equal(1, await running.Within());                  // the running handler finishes normally
        await Assert.ThrowsAsync<DeadActorException>(() => queuedAsk.Within());
        Assert.Equal(ExitKind.Killed, (await victim.Completion.Within()).Kind);
        Assert.Equal(["handler returned", "stopped"], journal); // the queued Tick never ran
        Assert.Equal(2, system.DeadLetters.Count);
    }

    [Fact]
    public async Task Kill_cancels_the_handler_token_and_a_later_Receive_throws_at_once()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Victim> victim = kit.Spawn(() => new Victim(journal));
        Task awaiting = victim.Ask(new AwaitCancellation(), Timeout.InfiniteTimeSpan);
        await kit.RunUntilIdleAsync(); // the handler awaits its token
        Assert.Equal(["awaiting"], journal);

        victim.Kill();

        await Assert.ThrowsAsync<KilledException>(() => kit.RunUntilCompletedAsync(awaiting));
        Assert.Equal(ExitKind.Killed, (await kit.ExpectTerminatedAsync(victim)).Kind);
        Assert.Equal(["awaiting", "token cancelled", "stopped"], journal);
    }

    [Fact]
    public async Task Kill_during_an_async_handler_that_ignores_its_token_takes_effect_when_the_handler_returns()
    {
        var journal = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var kit = new ActorTestKit();
        ActorRef<Victim> victim = kit.Spawn(() => new Victim(journal, gate: gate.Task));
        Task<int> running = victim.Ask(new AwaitGateIgnoringKill(), Timeout.InfiniteTimeSpan);
        Task<int> queuedAsk = victim.Ask(new AwaitGateIgnoringKill(), Timeout.InfiniteTimeSpan);
        victim.Tell(new Tick());
        await kit.RunUntilIdleAsync(); // the first handler awaits the gate; the ask and the tick wait behind it
        Assert.Equal(["awaiting the gate"], journal);

        victim.Kill();
        Assert.Contains("token cancelled", journal); // the kill cancels the token at once; the handler does not look
        gate.SetResult();

        Assert.Equal(2, await kit.RunUntilCompletedAsync(running)); // its continuation still runs, inside the actor, and answers
        await Assert.ThrowsAsync<DeadActorException>(() => kit.RunUntilCompletedAsync(queuedAsk));
        Assert.Equal(ExitKind.Killed, (await kit.ExpectTerminatedAsync(victim)).Kind);
        Assert.Equal(["awaiting the gate", "token cancelled", "handler returned", "stopped"], journal);
        Assert.Equal(2, kit.DeadLetters.Count);  // the queued ask and tick never ran
    }

    [Fact]
    public async Task Killing_a_dead_actor_does_nothing()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn<Counter>();
        counter.Stop();
        Assert.Equal(ExitKind.Normal, (await counter.Completion.Within()).Kind);
        counter.Kill();
        Assert.Equal(ExitKind.Normal, (await counter.Completion.Within()).Kind);
    }
}

public class TimerTests
{
    [Fact]
    public async Task SendAfter_delivers_once_after_the_delay()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Ticker> ticker = kit.Spawn(() => new Ticker(journal));
        ticker.Tell(new Remind(500, "reminder"));
        await kit.RunUntilIdleAsync();

        kit.Time.Advance(TimeSpan.FromMilliseconds(499));
        await kit.RunUntilIdleAsync();
        Assert.Empty(journal);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        await kit.RunUntilIdleAsync();
        Assert.Equal(["reminder"], journal);
        kit.Time.Advance(TimeSpan.FromSeconds(10));
        await kit.RunUntilIdleAsync();
        Assert.Equal(["reminder"], journal);
    }

    [Fact]
    public async Task Periodic_timers_fire_until_cancelled()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Ticker> ticker = kit.Spawn(() => new Ticker(journal));
        ticker.Tell(new StartTicking(1));
        await kit.RunUntilIdleAsync();

        for (int i = 1; i <= 3; i++)
        {
            kit.Time.Advance(TimeSpan.FromSeconds(1));
            await kit.RunUntilIdleAsync();
            Assert.Equal(i, journal.Count);
        }

        ticker.Tell(new StopTicking());
        await kit.RunUntilIdleAsync();
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.RunUntilIdleAsync();
        Assert.Equal(3, journal.Count);
    }

    [Fact]
    public async Task Timers_stop_with_their_actor()
    {
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Ticker> ticker = kit.Spawn(() => new Ticker(journal));
        ticker.Tell(new StartTicking(1));
        ticker.Tell(new Remind(5_000, "never"));
        await kit.RunUntilIdleAsync();
        Assert.Equal(2, kit.Time.ActiveTimers);

        ticker.Stop();
        await kit.ExpectTerminatedAsync(ticker);
        Assert.Equal(0, kit.Time.ActiveTimers);
        kit.Time.Advance(TimeSpan.FromSeconds(10));
        await kit.RunUntilIdleAsync();

        Assert.Empty(journal);
        Assert.Empty(kit.DeadLetters); // the timers were cancelled, not firing into a dead actor
    }

    [Fact]
    public async Task The_receive_timeout_arrives_after_each_idle_period()
    {
        // Every message restarts the idle period, the asks included.
        var journal = new ConcurrentQueue<string>();
        await using var kit = new ActorTestKit();
        ActorRef<Ticker> ticker = kit.Spawn(() => new Ticker(journal, idle: TimeSpan.FromSeconds(2)));
        await kit.RunUntilIdleAsync();                     // t = 0: idle from here until 2

        kit.Time.Advance(TimeSpan.FromSeconds(1));
        ticker.Tell(new Echo("busy"));
        await kit.RunUntilIdleAsync();                     // t = 1: handled; idle from here until 3
        kit.Time.Advance(TimeSpan.FromSeconds(1.5));       // t = 2.5: past the first period's end, not the second's
        Assert.Equal(1, await kit.RunUntilCompletedAsync(ticker.Ask(new GetCount()))); // no "idle"; idle until 4.5

        kit.Time.Advance(TimeSpan.FromSeconds(1.999));     // t = 4.499: not a moment early
        await kit.RunUntilIdleAsync();
        Assert.Equal(["busy"], journal);
        kit.Time.Advance(TimeSpan.FromSeconds(0.001));     // t = 4.5
        await kit.RunUntilIdleAsync();
        Assert.Equal(["busy", "idle"], journal);
        kit.Time.Advance(TimeSpan.FromSeconds(2));         // handling ReceiveTimeout started the next period
        await kit.RunUntilIdleAsync();
        Assert.Equal(["busy", "idle", "idle"], journal);
    }

    [Fact]
    public async Task No_timer_survives_disposing_100000_actors_that_use_timers()
    {
        var clock = new CountingTimeProvider();
        var journal = new ConcurrentQueue<string>();
        var system = new ActorSystem(new ActorSystemOptions { TimeProvider = clock });
        var tickers = new ActorRef<Ticker>[100_000];
        for (int i = 0; i < tickers.Length; i++)
        {
            tickers[i] = system.Spawn(() => new Ticker(journal, idle: TimeSpan.FromHours(1)));
            tickers[i].Tell(new StartTicking(3_600));
        }

        await Deadline.Until(() => clock.Active == 200_000, TimeSpan.FromSeconds(60));
        await system.DisposeAsync().AsTask().Within(TimeSpan.FromSeconds(60));

        Assert.Equal(0, system.ActorCount);
        // The shutdown's own wait timer is released by its completion callback, a moment after DisposeAsync resumes.
        await Deadline.Until(() => clock.Active == 0);
    }

    /// <summary>The system clock, counting timers that were created and not yet disposed.</summary>
    private sealed class CountingTimeProvider : TimeProvider
    {
        private int _active;

        public int Active => Volatile.Read(ref _active);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _active);
            return new CountedTimer(this, System.CreateTimer(callback, state, dueTime, period));
        }

        private sealed class CountedTimer(CountingTimeProvider owner, ITimer inner) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Interlocked.Decrement(ref owner._active);
                }

                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

using System.Runtime.CompilerServices;
using TypedActors.Dispatching;

namespace TypedActors.Tests;

public class AskTests
{
    [Fact]
    public async Task Ask_returns_the_handler_reply_with_the_handler_return_type()
    {
        await using var system = new ActorSystem();
        ActorRef<Moody> actor = system.Spawn<Moody>();
        string reply = await actor.Ask(new Echo("hi")).Within();
        Assert.Equal("hi", reply);
    }

    [Fact]
    public async Task Ask_past_its_timeout_throws_TimeoutException()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Moody> actor = kit.Spawn<Moody>();
        Task asked = actor.Ask(new Hang(), TimeSpan.FromMilliseconds(100));
        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(99));
        Assert.False(asked.IsCompleted);

        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(1) + TimeoutWheel.Resolution);
        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => kit.RunUntilCompletedAsync(asked));
        Assert.Contains("Hang", error.Message);
    }

    [Fact]
    public async Task The_default_ask_timeout_comes_from_the_options()
    {
        await using var kit = new ActorTestKit(new ActorTestKitOptions
        {
            ConfigureSystem = options => options.AskTimeout = TimeSpan.FromSeconds(1), // not the default of 30 s
        });
        ActorRef<Moody> actor = kit.Spawn<Moody>();
        Task asked = actor.Ask(new Hang());
        await kit.AdvanceAsync(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(asked.IsCompleted);

        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(1) + TimeoutWheel.Resolution);
        await Assert.ThrowsAsync<TimeoutException>(() => kit.RunUntilCompletedAsync(asked));
    }

    [Fact]
    public async Task Ask_can_be_cancelled_by_the_caller()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Moody> actor = kit.Spawn<Moody>();
        using var cancellation = new CancellationTokenSource();
        Task asked = actor.Ask(new Hang(), cancellationToken: cancellation.Token);
        await kit.RunUntilIdleAsync(); // the handler hangs
        Assert.False(asked.IsCompleted);

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.RunUntilCompletedAsync(asked));
    }

    [Fact]
    public async Task Ask_to_a_dead_actor_fails_fast_with_DeadActorException()
    {
        await using var system = new ActorSystem();
        ActorRef<Moody> actor = system.Spawn<Moody>();
        actor.Stop();
        ExitReason reason = await actor.Completion.Within();
        Assert.Equal(ExitKind.Normal, reason.Kind);

        DeadActorException error = await Assert.ThrowsAsync<DeadActorException>(
            () => actor.Ask(new Echo("anyone?"), Timeout.InfiniteTimeSpan).Within(TimeSpan.FromSeconds(5)));
        Assert.Equal(actor.Address, error.Actor);
    }

    [Fact]
    public async Task A_handler_exception_faults_the_ask_and_fails_the_actor()
    {
        await using var system = new ActorSystem();
        ActorRef<Moody> actor = system.Spawn<Moody>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask(new Boom("disk on fire")).Within());
        Assert.Equal("disk on fire", error.Message);

        ExitReason reason = await actor.Completion.Within();
        Assert.Equal(ExitKind.Failed, reason.Kind);
        Assert.Equal(typeof(InvalidOperationException).FullName, reason.ExceptionType);
        Assert.Equal("failed: System.InvalidOperationException: disk on fire", reason.ToString());
        Assert.True(actor.IsDead);
        await Assert.ThrowsAsync<DeadActorException>(() => actor.Ask(new Echo("still there?")).Within());
    }

    [Fact]
    public async Task Asks_queued_behind_a_failing_message_fail_fast_and_tells_become_dead_letters()
    {
        await using var system = new ActorSystem();
        var deadLetters = new List<DeadLetter>();
        using IDisposable subscription = system.DeadLetters.Subscribe(letter => { lock (deadLetters) { deadLetters.Add(letter); } });
        var gate = new TaskCompletionSource();
        ActorRef<Gated> actor = system.Spawn(() => new Gated(gate.Task));

        Task<int> failing = actor.Ask(new Boom("after the gate"), Timeout.InfiniteTimeSpan);
        Task<string> queuedAsk = actor.Ask(new Echo("queued ask"), Timeout.InfiniteTimeSpan);
        actor.Tell(new Echo("queued tell"));
        Assert.False(failing.IsCompleted);

        gate.SetResult();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Within());
        Assert.Equal("after the gate", failure.Message);
        await Assert.ThrowsAsync<DeadActorException>(() => queuedAsk.Within());
        Assert.Equal(ExitKind.Failed, (await actor.Completion.Within()).Kind);
        Assert.Equal(3, system.DeadLetters.Count);
        lock (deadLetters)
        {
            DeadLetter failed = deadLetters[0];
            Assert.Equal(DeadLetterReason.HandlerFailed, failed.Reason);
            Assert.Equal("after the gate", ((Boom)failed.Message).Text);
            Assert.Equal(["queued ask", "queued tell"], deadLetters.Skip(1).Select(d => ((Echo)d.Message).Text));
            Assert.All(deadLetters.Skip(1), d => Assert.Equal(DeadLetterReason.RecipientTerminated, d.Reason));
            Assert.All(deadLetters, d => Assert.Equal(actor.Address, d.Recipient));
        }
    }

    [Fact]
    public async Task Untyped_Ask_with_the_wrong_reply_type_fails_clearly()
    {
        await using var system = new ActorSystem();
        ActorRef<Moody> actor = system.Spawn<Moody>();
        ReplyTypeMismatchException error = await Assert.ThrowsAsync<ReplyTypeMismatchException>(
            () => actor.Address.Ask<int>(new Echo("text")).Within());
        Assert.Equal(typeof(int), error.Expected);
        Assert.Equal(typeof(string), error.Actual);

        object boxed = await actor.Address.Ask<object>(new Echo("as object")).Within();
        Assert.Equal("as object", boxed);
    }

    [Fact]
    public async Task Ask_of_a_void_handler_completes_when_the_handler_has_run()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn<Counter>();
        await counter.Ask(new Increment()).Within();
        await counter.Ask(new Increment()).Within();
        Assert.Equal(2, await counter.Ask(new GetCount()).Within());
    }
}

/// <summary>
/// An ask that gave up (timed out or was cancelled) must not keep its request alive: not in the timeout wheel, not in
/// a registration on the caller's token, which often lives as long as the application.
/// </summary>
public class AskReleaseTests
{
    [Fact]
    public async Task A_timed_out_ask_leaves_nothing_holding_its_request()
    {
        await using var kit = new ActorTestKit();
        var gate = new TaskCompletionSource();
        ActorRef<Gated> actor = kit.Spawn(() => new Gated(gate.Task));
        using var applicationLifetime = new CancellationTokenSource(); // never cancelled: outlives every ask

        (WeakReference request, Task asked) = AskUntracked(actor, TimeSpan.FromMilliseconds(100), applicationLifetime.Token);
        await kit.RunUntilIdleAsync(); // the handler holds the request while it awaits the gate
        kit.Time.Advance(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<TimeoutException>(() => kit.RunUntilCompletedAsync(asked));

        await AssertReleasedOnceTheHandlerReturns(kit, actor, gate, request);
        GC.KeepAlive(applicationLifetime);
    }

    [Fact]
    public async Task A_cancelled_ask_leaves_nothing_holding_its_request()
    {
        await using var kit = new ActorTestKit();
        var gate = new TaskCompletionSource();
        ActorRef<Gated> actor = kit.Spawn(() => new Gated(gate.Task));
        using var cancellation = new CancellationTokenSource();

        (WeakReference request, Task asked) = AskUntracked(actor, TimeSpan.FromHours(1), cancellation.Token); // in the wheel for an hour
        await kit.RunUntilIdleAsync();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.RunUntilCompletedAsync(asked));

        await AssertReleasedOnceTheHandlerReturns(kit, actor, gate, request);
    }

    /// <summary>
    /// While the handler runs, it holds the request (which proves the reference tracks the object the system holds,
    /// not a copy); once it has returned and answered an ask that gave up, and the timeout wheel has come round, nothing
    /// may hold the request any more.
    /// </summary>
    private static async Task AssertReleasedOnceTheHandlerReturns(ActorTestKit kit, ActorRef<Gated> actor, TaskCompletionSource gate, WeakReference request)
    {
        FullCollection();
        Assert.True(request.IsAlive, "the running handler holds the request");

        gate.SetResult();
        Assert.Equal("after", await kit.RunUntilCompletedAsync(actor.Ask(new Echo("after")))); // handled after the first handler returned
        kit.Time.Advance(TimeoutWheel.Resolution * 64); // two rounds: the wheel visits every slot and drops completed asks
        await kit.RunUntilIdleAsync();

        FullCollection();
        Assert.False(request.IsAlive, "nothing holds the request of an ask that gave up");
    }

    /// <summary>Asks in a frame of its own, so that no local of the test keeps the request alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Request, Task Asked) AskUntracked(ActorRef<Gated> actor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new Echo("tracked");
        return (new WeakReference(request), actor.Ask(request, timeout, cancellationToken));
    }

    private static void FullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

public class AskTimeoutWheelTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(700)]     // longer than one round of the wheel
    [InlineData(12_345)]
    public async Task An_ask_times_out_no_earlier_than_its_timeout_and_within_one_tick_after(int timeoutMs)
    {
        await using var kit = new ActorTestKit();
        ActorRef<Moody> actor = kit.Spawn<Moody>();
        Task hanging = actor.Ask(new Hang(), TimeSpan.FromMilliseconds(timeoutMs));

        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(timeoutMs - 1));
        Assert.False(hanging.IsCompleted);
        await kit.AdvanceAsync(TimeSpan.FromMilliseconds(1) + TimeoutWheel.Resolution); // at most one tick late
        await Assert.ThrowsAsync<TimeoutException>(() => kit.RunUntilCompletedAsync(hanging));
    }

    [Fact]
    public async Task Thousands_of_concurrent_asks_each_time_out_or_complete_exactly_once()
    {
        await using var system = new ActorSystem(new ActorSystemOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(100) });
        ActorRef<Moody> hanging = system.Spawn<Moody>();
        ActorRef<Moody> echo = system.Spawn<Moody>();
        _ = hanging.Ask(new Hang(), Timeout.InfiniteTimeSpan); // keeps the first actor busy forever

        Task[] timingOut = [.. Enumerable.Range(0, 2_000).Select(_ => hanging.Ask(new Echo("x"), TimeSpan.FromMilliseconds(50)))];
        Task<string>[] answered = [.. Enumerable.Range(0, 2_000).Select(i => echo.Ask(new Echo($"{i}"), TimeSpan.FromSeconds(10)))];

        await Task.WhenAll(answered).Within();
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"{i}"), answered.Select(t => t.Result));
        foreach (Task task in timingOut)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => task.Within());
        }
    }
}

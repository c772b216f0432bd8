using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record SpawnChild;
public sealed record GetChildCount;
public sealed record StopSelf;
public sealed record WhatWasStarted;

/// <summary>Logs its lifecycle into a shared journal owned by the test (passed through the constructor).</summary>
public partial class Journaled : Actor
{
    private readonly ConcurrentQueue<string> _journal;
    private readonly string _name;
    private bool _started;

    public Journaled(ConcurrentQueue<string> journal, string name)
    {
        _journal = journal;
        _name = name;
    }

    protected override async Task OnStarted()
    {
        await Task.Yield();
        _started = true;
        _journal.Enqueue($"{_name} started");
    }

    protected override async Task OnStopped()
    {
        await Task.Yield();
        _journal.Enqueue($"{_name} stopped");
    }

    [Receive] bool On(WhatWasStarted _) => _started;

    [Receive]
    void On(StopSelf _)
    {
        _journal.Enqueue($"{_name} stopping itself");
        Stop();
    }

    [Receive]
    ActorRef<Journaled> On(SpawnChild _) => Spawn(() => new Journaled(_journal, _name + "/child"));
}

public partial class ThrowsOnStop : Actor
{
    protected override Task OnStopped() => throw new InvalidOperationException("cleanup failed");
}

public partial class NeedsClock : Actor
{
    private readonly TimeProvider _clock;

    public NeedsClock(TimeProvider clock) => _clock = clock;

    [Receive] bool On(WhatWasStarted _) => _clock is not null;
}

public class LifecycleTests
{
    [Fact]
    public async Task OnStarted_completes_before_the_first_message_and_OnStopped_runs_at_stop()
    {
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem();
        ActorRef<Journaled> actor = system.Spawn(() => new Journaled(journal, "a"));

        Assert.True(await actor.Ask(new WhatWasStarted()).Within());
        actor.Tell(new StopSelf());
        Assert.Equal(ExitKind.Normal, (await actor.Completion.Within()).Kind);
        Assert.Equal(["a started", "a stopping itself", "a stopped"], journal);
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task Stop_dead_letters_the_messages_still_queued_and_fails_their_asks()
    {
        await using var system = new ActorSystem();
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        ActorRef<Gated> actor = system.Spawn(() => new Gated(gate.Task, entered));
        Task<string> first = actor.Ask(new Echo("first"));
        Task<string> queued = actor.Ask(new Echo("queued"));
        await entered.Task.Within(); // the first message is being handled
        actor.Stop();
        gate.SetResult();

        Assert.Equal("first", await first.Within());              // the current message finishes
        await Assert.ThrowsAsync<DeadActorException>(() => queued.Within());
        Assert.Equal(ExitKind.Normal, (await actor.Completion.Within()).Kind);
        Assert.Equal(1, system.DeadLetters.Count);
    }

    [Fact]
    public async Task An_actor_spawns_children_that_work_and_stop_with_their_parent()
    {
        var journal = new ConcurrentQueue<string>();
        await using var system = new ActorSystem();
        ActorRef<Journaled> parent = system.Spawn(() => new Journaled(journal, "p"));
        ActorRef<Journaled> child = await parent.Ask(new SpawnChild()).Within();

        Assert.True(await child.Ask(new WhatWasStarted()).Within());
        Assert.Equal(2, system.ActorCount);
        parent.Tell(new StopSelf());

        Assert.Equal(ExitKind.Normal, (await child.Completion.Within()).Kind);
        Assert.Equal(ExitKind.Normal, (await parent.Completion.Within()).Kind);
        Assert.Contains("p/child stopped", journal);
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task Disposing_the_system_stops_every_actor_and_runs_OnStopped()
    {
        var journal = new ConcurrentQueue<string>();
        var system = new ActorSystem();
        ActorRef<Journaled>[] actors = [.. Enumerable.Range(0, 50).Select(i => system.Spawn(() => new Journaled(journal, $"a{i}")))];
        await Task.WhenAll(actors.Select(a => a.Ask(new WhatWasStarted()))).Within();

        await system.DisposeAsync().AsTask().Within();

        Assert.Equal(0, system.ActorCount);
        Assert.Equal(50, journal.Count(line => line.EndsWith(" stopped", StringComparison.Ordinal)));
        Assert.All(actors, a => Assert.True(a.IsDead));
        Assert.Throws<ObjectDisposedException>(() => system.Spawn<Counter>());

        actors[0].Tell(new StopSelf()); // after shutdown: a counted dead letter, not an exception
        Assert.Equal(1, system.DeadLetters.Count);
    }

    [Fact]
    public async Task Shutdown_gives_up_on_an_actor_that_never_finishes_and_reports_it()
    {
        var system = new ActorSystem(new ActorSystemOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) });
        var errors = new ConcurrentQueue<ActorError>();
        using IDisposable subscription = system.Errors.Subscribe(errors.Enqueue);
        var entered = new TaskCompletionSource();
        ActorRef<Gated> stuck = system.Spawn(() => new Gated(new TaskCompletionSource().Task, entered));
        _ = stuck.Ask(new Echo("never answered"), Timeout.InfiniteTimeSpan);
        await entered.Task.Within();

        await system.DisposeAsync().AsTask().Within();

        ActorError error = Assert.Single(errors);
        Assert.Equal(stuck.Address, error.Actor);
        Assert.IsType<TimeoutException>(error.Exception);
    }

    [Fact]
    public async Task An_exception_in_OnStopped_is_reported_and_does_not_block_termination()
    {
        await using var system = new ActorSystem();
        var errors = new ConcurrentQueue<ActorError>();
        using IDisposable subscription = system.Errors.Subscribe(errors.Enqueue);
        ActorRef<ThrowsOnStop> actor = system.Spawn<ThrowsOnStop>();
        actor.Stop();

        Assert.Equal(ExitKind.Normal, (await actor.Completion.Within()).Kind);
        ActorError error = Assert.Single(errors);
        Assert.Equal("OnStopped", error.Context);
        Assert.Equal("cleanup failed", error.Exception.Message);
    }

    [Fact]
    public async Task Constructor_parameters_are_resolved_from_services_or_fail_clearly()
    {
        var services = new SingleService(typeof(TimeProvider), TimeProvider.System);
        await using (var system = new ActorSystem(new ActorSystemOptions { Services = services }))
        {
            ActorRef<NeedsClock> actor = system.Spawn<NeedsClock>();
            Assert.True(await actor.Ask(new WhatWasStarted()).Within());
        }

        await using (var system = new ActorSystem())
        {
            ActorCreationException error = Assert.Throws<ActorCreationException>(() => system.Spawn<NeedsClock>());
            Assert.Contains("clock", error.Message);
            Assert.Contains("no services", error.Message);
        }

        await using (var system = new ActorSystem(new ActorSystemOptions { Services = new SingleService(typeof(string), "x") }))
        {
            ActorCreationException error = Assert.Throws<ActorCreationException>(() => system.Spawn<NeedsClock>());
            Assert.Contains("System.TimeProvider", error.Message);
            Assert.Equal(0, system.ActorCount);
        }
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_Spawn_throws()
    {
#pragma warning disable TA1005 // deliberately: the runtime guard behind the analyzer is under test
        var error = Assert.Throws<InvalidOperationException>(() => new Counter());
#pragma warning restore TA1005
        Assert.Contains("Spawn", error.Message);
    }

    [Fact]
    public async Task A_factory_that_throws_or_returns_null_gives_ActorCreationException()
    {
        await using var system = new ActorSystem();
        var thrown = Assert.Throws<ActorCreationException>(() => system.Spawn<Counter>(() => throw new FormatException("bad config")));
        Assert.IsType<FormatException>(thrown.InnerException);
        Assert.Throws<ActorCreationException>(() => system.Spawn<Counter>(() => null!));
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task A_million_idle_actors_are_spawned_and_disposed()
    {
        var system = new ActorSystem();
        const int count = 1_000_000;
        var refs = new ActorRef<Silent>[count];
        for (int i = 0; i < count; i++)
        {
            refs[i] = system.Spawn<Silent>();
        }

        Assert.Equal(count, system.ActorCount);
        Assert.Equal(count, refs.Select(r => r.Address.Id).Distinct().Count());

        await system.DisposeAsync().AsTask().Within(TimeSpan.FromSeconds(120));
        Assert.Equal(0, system.ActorCount);
        Assert.True(refs[0].IsDead);
        Assert.True(refs[count - 1].IsDead);
    }

    private sealed class SingleService(Type type, object instance) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == type ? instance : null;
    }
}

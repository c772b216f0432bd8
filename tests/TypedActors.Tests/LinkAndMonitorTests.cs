using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record LinkTo(Address Other);
public sealed record UnlinkFrom(Address Other);
public sealed record MonitorIt(Address Other);
public sealed record DemonitorIt(Address Other);
public sealed record Trap(bool On);
public sealed record Crash(string Why);
public sealed record GetEvents;
public sealed record SpawnLinkedCrasher;
public sealed record SpawnLinkedUnborn(bool Catch = true);

/// <summary>Links, monitors, traps and crashes on request, and records the signals it receives.</summary>
public partial class Linker : Actor
{
    private readonly List<string> _events = [];

    [Receive] void On(LinkTo m) => Link(m.Other);
    [Receive] void On(UnlinkFrom m) => Unlink(m.Other);
    [Receive] void On(MonitorIt m) => Monitor(m.Other);
    [Receive] void On(DemonitorIt m) => Demonitor(m.Other);
    [Receive] void On(Trap m) => TrapExits = m.On;
    [Receive] void On(Crash m) => throw new InvalidOperationException(m.Why);
    [Receive] void On(Exited m) => _events.Add($"exited {m.Who.Id} {m.Reason}");
    [Receive] void On(Down m) => _events.Add($"down {m.Who.Id} {m.Reason}");
    [Receive] string[] On(GetEvents _) => [.. _events];
    [Receive] ActorRef<CrashOnStart> On(SpawnLinkedCrasher _) => SpawnLinked<CrashOnStart>();

    [Receive]
    string On(SpawnLinkedUnborn m)
    {
        try
        {
            SpawnLinked<Unborn>();
            return "spawned";
        }
        catch (ActorCreationException exception) when (m.Catch)
        {
            SpawnLinked<Linker>(); // the failed creation left nothing behind that would break the next spawn
            return $"{exception.GetType().Name}: {exception.InnerException?.Message}";
        }
    }
}

/// <summary>Its constructor throws: it never exists.</summary>
public partial class Unborn : Actor
{
    public Unborn() => throw new InvalidOperationException("no child today");
}

/// <summary>Crashes on request; its OnStopped waits for a gate the test opens, holding it between terminating and dead.</summary>
public partial class StopsWhenReleased : Actor
{
    private readonly TaskCompletionSource _stopping;
    private readonly Task _release;

    public StopsWhenReleased(TaskCompletionSource stopping, Task release)
    {
        _stopping = stopping;
        _release = release;
    }

    [Receive] void On(Crash m) => throw new InvalidOperationException(m.Why);

    protected override Task OnStopped()
    {
        _stopping.TrySetResult();
        return _release;
    }
}

public partial class CrashOnStart : Actor
{
    protected override Task OnStarted() => throw new InvalidOperationException("bad start");
}

public class LinkAndMonitorTests
{
    [Fact]
    public async Task An_abnormal_exit_cascades_along_a_chain_of_a_thousand_linked_actors()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker>[] chain = await Chain(system, 1_000);

        chain[^1].Tell(new Crash("end of the line"));

        ExitReason[] reasons = await Task.WhenAll(chain.Select(a => a.Completion)).Within();
        Assert.All(reasons, r => Assert.Equal("failed: System.InvalidOperationException: end of the line", r.ToString()));
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task A_trapping_actor_in_the_middle_stops_the_cascade_and_receives_Exited()
    {
        await using var kit = new ActorTestKit();
        ActorRef<Linker>[] chain = await Chain(kit.System, 1_000);
        await chain[500].Ask(new Trap(true)).Within();

        chain[^1].Tell(new Crash("boom"));
        await kit.RunUntilIdleAsync(); // the cascade has run its course: no exit signal is left in flight

        Assert.All(chain.Skip(501), a => Assert.True(a.IsDead));
        string exited = Assert.Single(await chain[500].Ask(new GetEvents()).Within());
        Assert.Equal($"exited {chain[501].Address.Id} failed: System.InvalidOperationException: boom", exited);
        Assert.All(chain.Take(501), a => Assert.False(a.IsDead));
        Assert.Equal(501, kit.System.ActorCount);
    }

    [Fact]
    public async Task A_normal_stop_kills_no_linked_actor_but_trapping_ones_hear_of_it()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ActorRef<Linker> stopper = system.Spawn<Linker>();
        ActorRef<Linker> plain = system.Spawn<Linker>();
        ActorRef<Linker> trapper = system.Spawn<Linker>();
        await trapper.Ask(new Trap(true)).Within();
        await plain.Ask(new LinkTo(stopper)).Within();
        await trapper.Ask(new LinkTo(stopper)).Within();

        stopper.Stop();
        Assert.Equal(ExitKind.Normal, (await kit.ExpectTerminatedAsync(stopper)).Kind);
        await kit.RunUntilIdleAsync();

        Assert.Equal([$"exited {stopper.Address.Id} normal"], await trapper.Ask(new GetEvents()).Within());
        Assert.Empty(await plain.Ask(new GetEvents()).Within());
        Assert.False(plain.IsDead);
    }

    [Fact]
    public async Task Links_are_symmetric_and_a_kill_propagates_as_killed()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> a = system.Spawn<Linker>();
        ActorRef<Linker> b = system.Spawn<Linker>();
        await a.Ask(new LinkTo(b)).Within();

        a.Kill(); // b never called Link, yet dies with a

        Assert.Equal(ExitKind.Killed, (await b.Completion.Within()).Kind);
    }

    [Fact]
    public async Task Unlink_stops_the_propagation()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> a = system.Spawn<Linker>();
        ActorRef<Linker> b = system.Spawn<Linker>();
        await a.Ask(new LinkTo(b)).Within();
        await b.Ask(new UnlinkFrom(a)).Within();

        a.Tell(new Crash("alone"));
        await a.Completion.Within();

        Assert.Empty(await b.Ask(new GetEvents()).Within());
        Assert.False(b.IsDead);
    }

    [Fact]
    public async Task Linking_to_a_dead_actor_delivers_its_exit_at_once()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> failed = system.Spawn<Linker>();
        failed.Tell(new Crash("earlier"));
        await failed.Completion.Within();

        ActorRef<Linker> trapper = system.Spawn<Linker>();
        await trapper.Ask(new Trap(true)).Within();
        await trapper.Ask(new LinkTo(failed)).Within();
        // At once: delivered during the LinkTo turn, so it is queued ahead of the ask that reads the events.
        Assert.Equal([$"exited {failed.Address.Id} failed: System.InvalidOperationException: earlier"], await trapper.Ask(new GetEvents()).Within());

        ActorRef<Linker> plain = system.Spawn<Linker>();
        await plain.Ask(new LinkTo(failed)).Within();
        Assert.Equal(ExitKind.Failed, (await plain.Completion.Within()).Kind);
    }

    [Fact]
    public async Task SpawnLinked_leaves_no_window_for_the_child_to_die_unobserved()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        for (int i = 0; i < 50; i++)
        {
            ActorRef<Linker> parent = system.Spawn<Linker>();
            await parent.Ask(new Trap(true)).Within();
            ActorRef<CrashOnStart> child = await parent.Ask(new SpawnLinkedCrasher()).Within();
            await kit.RunUntilIdleAsync();
            Assert.True(child.IsDead);
            Assert.Equal(
                [$"exited {child.Address.Id} failed: System.InvalidOperationException: bad start"],
                await parent.Ask(new GetEvents()).Within());
        }
    }

    [Fact]
    public async Task A_monitor_delivers_Down_exactly_once_for_any_reason()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ActorRef<Linker> watcher = system.Spawn<Linker>();
        ActorRef<Linker> stopped = system.Spawn<Linker>();
        ActorRef<Linker> killed = system.Spawn<Linker>();
        ActorRef<Linker> demonitored = system.Spawn<Linker>();
        ActorRef<Linker>[] targets = [stopped, killed, demonitored];
        foreach (ActorRef<Linker> target in targets)
        {
            await watcher.Ask(new MonitorIt(target)).Within();
        }

        await watcher.Ask(new MonitorIt(stopped)).Within(); // monitoring twice is one monitor
        await watcher.Ask(new DemonitorIt(demonitored)).Within();
        stopped.Stop();
        killed.Kill();
        demonitored.Kill();

        string[] events = await EventsOnceIdle(kit, watcher);
        Assert.All(targets, t => Assert.True(t.IsDead));
        Assert.Equal(
            new[] { $"down {killed.Address.Id} killed", $"down {stopped.Address.Id} normal" }.Order(StringComparer.Ordinal),
            events.Order(StringComparer.Ordinal));
        Assert.False(watcher.IsDead); // monitors never propagate death
    }

    [Fact]
    public async Task Monitoring_races_with_death_still_deliver_exactly_one_Down_per_watcher()
    {
        await using var kit = new ActorTestKit();
        for (int round = 0; round < 20; round++)
        {
            ActorRef<Linker> target = kit.System.Spawn<Linker>();
            ActorRef<Linker>[] watchers = [.. Enumerable.Range(0, 20).Select(_ => kit.System.Spawn<Linker>())];
            await kit.RunUntilIdleAsync();
            foreach (ActorRef<Linker> w in watchers)
            {
                w.Tell(new MonitorIt(target));
            }

            target.Tell(new Crash("race")); // dies while the monitors are being set up
            await kit.RunUntilIdleAsync();  // every Down sent, before or after the death, has been handled

            Assert.True(target.IsDead);
            foreach (ActorRef<Linker> w in watchers)
            {
                Assert.Equal([$"down {target.Address.Id} failed: System.InvalidOperationException: race"], await w.Ask(new GetEvents()).Within());
            }
        }
    }

    [Fact]
    public async Task Monitors_set_up_before_during_and_after_termination_each_deliver_exactly_one_Down()
    {
        await using var kit = new ActorTestKit();
        var stopping = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        ActorRef<StopsWhenReleased> target = kit.System.Spawn(() => new StopsWhenReleased(stopping, release.Task));
        ActorRef<Linker>[] before = Watchers(5);
        ActorRef<Linker>[] during = Watchers(5);
        ActorRef<Linker>[] after = Watchers(5);
        await Monitor(before);

        target.Tell(new Crash("monitored"));
        await kit.RunUntilCompletedAsync(stopping.Task); // terminating, not yet dead: OnStopped awaits the release
        await Monitor(during);
        Assert.False(target.Completion.IsCompleted);
        release.SetResult();
        await kit.ExpectTerminatedAsync(target);
        await Monitor(after);          // dead: each Down is queued during the MonitorIt turn

        foreach (ActorRef<Linker> watcher in before.Concat(during).Concat(after))
        {
            Assert.Equal([$"down {target.Address.Id} failed: System.InvalidOperationException: monitored"], await EventsOnceIdle(kit, watcher));
        }

        ActorRef<Linker>[] Watchers(int count) => [.. Enumerable.Range(0, count).Select(_ => kit.System.Spawn<Linker>())];

        async Task Monitor(ActorRef<Linker>[] watchers)
        {
            foreach (ActorRef<Linker> watcher in watchers)
            {
                watcher.Tell(new MonitorIt(target.Address));
            }

            await kit.RunUntilIdleAsync();
        }
    }

    [Fact]
    public async Task SpawnLinked_whose_child_cannot_be_created_throws_in_the_parent_and_leaves_no_actor_and_no_link()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> parent = system.Spawn<Linker>();
        await parent.Ask(new Trap(true)).Within();
        int actors = system.ActorCount;

        string outcome = await parent.Ask(new SpawnLinkedUnborn()).Within();

        Assert.Equal("ActorCreationException: no child today", outcome);
        Assert.Equal(actors + 1, system.ActorCount); // only the healthy child spawned after the failure
        Assert.Empty(await parent.Ask(new GetEvents()).Within());
        Assert.False(parent.IsDead);
    }

    [Fact]
    public async Task SpawnLinked_whose_child_cannot_be_created_fails_a_parent_that_does_not_catch_it()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> parent = system.Spawn<Linker>();

        var error = await Assert.ThrowsAsync<ActorCreationException>(() => parent.Ask(new SpawnLinkedUnborn(Catch: false)).Within());

        Assert.Equal("no child today", error.InnerException?.Message);
        ExitReason reason = await parent.Completion.Within();
        Assert.Equal(typeof(ActorCreationException).FullName, reason.ExceptionType);
        Assert.Equal(0, system.ActorCount);
    }

    [Fact]
    public async Task An_actor_failure_never_stalls_other_actors()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> healthy = system.Spawn<Counter>();
        ActorRef<Linker>[] failing = [.. Enumerable.Range(0, 200).Select(_ => system.Spawn<Linker>())];
        foreach (ActorRef<Linker> f in failing)
        {
            f.Tell(new Crash("x"));
        }

        for (int i = 0; i < 1_000; i++)
        {
            healthy.Tell(new Increment());
        }

        Assert.Equal(1_000, await healthy.Ask(new GetCount()).Within());
        await Task.WhenAll(failing.Select(f => f.Completion)).Within();
    }

    /// <summary>
    /// The events of <paramref name="watcher"/> once the system is idle: every signal any actor sent has been handled,
    /// so a duplicate Down would be among them.
    /// </summary>
    private static async Task<string[]> EventsOnceIdle(ActorTestKit kit, ActorRef<Linker> watcher)
    {
        await kit.RunUntilIdleAsync();
        return await kit.RunUntilCompletedAsync(watcher.Ask(new GetEvents()));
    }

    private static async Task<ActorRef<Linker>[]> Chain(ActorSystem system, int length)
    {
        ActorRef<Linker>[] chain = [.. Enumerable.Range(0, length).Select(_ => system.Spawn<Linker>())];
        await Task.WhenAll(Enumerable.Range(0, length - 1).Select(i => chain[i].Ask(new LinkTo(chain[i + 1])))).Within();
        return chain;
    }
}

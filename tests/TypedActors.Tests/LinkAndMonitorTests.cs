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
        await using var system = new ActorSystem();
        ActorRef<Linker>[] chain = await Chain(system, 1_000);
        await chain[500].Ask(new Trap(true)).Within();

        chain[^1].Tell(new Crash("boom"));

        await Task.WhenAll(chain.Skip(501).Select(a => a.Completion)).Within();
        await Deadline.Until(() => chain[500].Ask(new GetEvents()).Result.Length == 1);
        string exited = Assert.Single(await chain[500].Ask(new GetEvents()).Within());
        Assert.Equal($"exited {chain[501].Address.Id} failed: System.InvalidOperationException: boom", exited);
        Assert.All(chain.Take(501), a => Assert.False(a.IsDead));
        Assert.Equal(501, system.ActorCount);
    }

    [Fact]
    public async Task A_normal_stop_kills_no_linked_actor_but_trapping_ones_hear_of_it()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> stopper = system.Spawn<Linker>();
        ActorRef<Linker> plain = system.Spawn<Linker>();
        ActorRef<Linker> trapper = system.Spawn<Linker>();
        await trapper.Ask(new Trap(true)).Within();
        await plain.Ask(new LinkTo(stopper)).Within();
        await trapper.Ask(new LinkTo(stopper)).Within();

        stopper.Stop();
        await stopper.Completion.Within();

        await Deadline.Until(() => trapper.Ask(new GetEvents()).Result.Length == 1);
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
        await Deadline.Until(() => trapper.Ask(new GetEvents()).Result.Length == 1);
        Assert.Equal([$"exited {failed.Address.Id} failed: System.InvalidOperationException: earlier"], await trapper.Ask(new GetEvents()).Within());

        ActorRef<Linker> plain = system.Spawn<Linker>();
        await plain.Ask(new LinkTo(failed)).Within();
        Assert.Equal(ExitKind.Failed, (await plain.Completion.Within()).Kind);
    }

    [Fact]
    public async Task SpawnLinked_leaves_no_window_for_the_child_to_die_unobserved()
    {
        await using var system = new ActorSystem();
        for (int i = 0; i < 50; i++)
        {
            ActorRef<Linker> parent = system.Spawn<Linker>();
            await parent.Ask(new Trap(true)).Within();
            ActorRef<CrashOnStart> child = await parent.Ask(new SpawnLinkedCrasher()).Within();
            await child.Completion.Within();
            await Deadline.Until(() => parent.Ask(new GetEvents()).Result.Length == 1);
            Assert.Equal([$"exited {child.Address.Id} failed: System.InvalidOperationException: bad start"], await parent.Ask(new GetEvents()).Within());
        }
    }

    [Fact]
    public async Task A_monitor_delivers_Down_exactly_once_for_any_reason()
    {
        await using var system = new ActorSystem();
        ActorRef<Linker> watcher = system.Spawn<Linker>();
        ActorRef<Linker> stopped = system.Spawn<Linker>();
        ActorRef<Linker> killed = system.Spawn<Linker>();
        ActorRef<Linker> demonitored = system.Spawn<Linker>();
        foreach (ActorRef<Linker> target in new[] { stopped, killed, demonitored })
        {
            await watcher.Ask(new MonitorIt(target)).Within();
        }

        await watcher.Ask(new MonitorIt(stopped)).Within(); // monitoring twice is one monitor
        await watcher.Ask(new DemonitorIt(demonitored)).Within();
        stopped.Stop();
        killed.Kill();
        demonitored.Kill();
        await Task.WhenAll(stopped.Completion, killed.Completion, demonitored.Completion).Within();

        await Deadline.Until(() => watcher.Ask(new GetEvents()).Result.Length == 2);
        Assert.Equal(
            new[] { $"down {killed.Address.Id} killed", $"down {stopped.Address.Id} normal" }.Order(StringComparer.Ordinal),
            (await watcher.Ask(new GetEvents()).Within()).Order(StringComparer.Ordinal));
        Assert.False(watcher.IsDead); // monitors never propagate death
    }

    [Fact]
    public async Task Monitoring_races_with_death_still_deliver_exactly_one_Down_per_watcher()
    {
        await using var system = new ActorSystem();
        for (int round = 0; round < 20; round++)
        {
            ActorRef<Linker> target = system.Spawn<Linker>();
            ActorRef<Linker>[] watchers = [.. Enumerable.Range(0, 20).Select(_ => system.Spawn<Linker>())];
            Task[] monitoring = [.. watchers.Select(w => w.Ask(new MonitorIt(target)))];
            target.Tell(new Crash("race")); // dies while the monitors are being set up
            await Task.WhenAll(monitoring).Within();
            await target.Completion.Within();

            foreach (ActorRef<Linker> w in watchers)
            {
                await Deadline.Until(() => w.Ask(new GetEvents()).Result.Length >= 1);
                await w.Ask(new GetEvents()).Within(); // let a duplicate arrive, if there were one
                Assert.Single(await w.Ask(new GetEvents()).Within());
            }
        }
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

    private static async Task<ActorRef<Linker>[]> Chain(ActorSystem system, int length)
    {
        ActorRef<Linker>[] chain = [.. Enumerable.Range(0, length).Select(_ => system.Spawn<Linker>())];
        await Task.WhenAll(Enumerable.Range(0, length - 1).Select(i => chain[i].Ask(new LinkTo(chain[i + 1])))).Within();
        return chain;
    }
}

using TypedActors.Cell;

namespace TypedActors.Tests;

/// <summary>
/// The exit reason lives in the cell, so an actor nobody watches dies without allocating its rarely-used state. Every
/// reader of the reason must still see it: Completion, a monitor or link added after death, an ask to the dead actor.
/// </summary>
public class ExitReasonTests
{
    [Fact]
    public async Task An_actor_stopped_while_nobody_watches_allocates_no_extra_state_and_still_reports_a_normal_exit()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ActorRef<Counter> counter = system.Spawn<Counter>();
        ActorCell cell = CellOf(counter.Address);
        counter.Tell(new Increment());
        counter.Stop();
        await kit.RunUntilIdleAsync(); // without asking for Completion, which would allocate the state this test checks
        Assert.False(system.TryGetActor(counter.Address.Id, out _)); // removed from the registry once dead

        Assert.False(cell.HasExtras);
        Assert.Equal(ExitReason.Normal, await counter.Completion.Within());
        Assert.False(cell.HasExtras); // a dead actor's Completion needs none of that state either

        await AssertLateObserversSee(system, counter.Address, "normal");
        var dead = await Assert.ThrowsAsync<DeadActorException>(() => counter.Ask(new GetCount()).Within());
        Assert.Equal(ExitReason.Normal, dead.Reason);
        Assert.False(cell.HasExtras);
    }

    [Fact]
    public async Task An_actor_that_failed_while_nobody_watched_reports_its_failure_to_late_observers()
    {
        await using var kit = new ActorTestKit();
        ActorSystem system = kit.System;
        ActorRef<Linker> victim = system.Spawn<Linker>();
        ActorCell cell = CellOf(victim.Address);
        victim.Tell(new Crash("nobody was looking"));
        await kit.RunUntilIdleAsync();
        Assert.False(system.TryGetActor(victim.Address.Id, out _));

        Assert.False(cell.HasExtras);
        ExitReason reason = await victim.Completion.Within();
        Assert.Equal(ExitKind.Failed, reason.Kind);
        Assert.Equal("nobody was looking", reason.Message);
        Assert.IsType<InvalidOperationException>(reason.Exception);

        await AssertLateObserversSee(system, victim.Address, "failed: System.InvalidOperationException: nobody was looking");
        var dead = await Assert.ThrowsAsync<DeadActorException>(() => victim.Ask(new GetEvents()).Within());
        Assert.Same(reason, dead.Reason);
    }

    [Fact]
    public async Task Completion_asked_for_while_actors_terminate_always_completes_with_their_reason()
    {
        // Races the first use of the rarely-used state (Completion creates it) against a termination that finds none.
        await using var system = new ActorSystem();
        const int count = 2_000;
        ActorRef<Counter>[] actors = Enumerable.Range(0, count).Select(_ => system.Spawn<Counter>()).ToArray();
        using var start = new Barrier(2);
        Task<Task<ExitReason>[]> observer = Task.Run(() =>
        {
            start.SignalAndWait();
            return actors.Select(a => a.Completion).ToArray();
        });
        Task stopper = Task.Run(() =>
        {
            start.SignalAndWait();
            foreach (ActorRef<Counter> actor in actors)
            {
                actor.Stop();
            }
        });

        await stopper.Within();
        ExitReason[] reasons = await Task.WhenAll(await observer.Within()).Within();
        Assert.All(reasons, r => Assert.Equal(ExitReason.Normal, r));
        Assert.Equal(0, system.ActorCount);
    }

    /// <summary>
    /// A monitor and a trapped link, both added after the target died, each deliver its exit reason at once: during the
    /// turn that adds them, so both are queued ahead of the ask that reads the events.
    /// </summary>
    private static async Task AssertLateObserversSee(ActorSystem system, Address dead, string reason)
    {
        ActorRef<Linker> watcher = system.Spawn<Linker>();
        await watcher.Ask(new Trap(true)).Within();
        await watcher.Ask(new MonitorIt(dead)).Within();
        await watcher.Ask(new LinkTo(dead)).Within();
        Assert.Equal([$"down {dead.Id} {reason}", $"exited {dead.Id} {reason}"], await watcher.Ask(new GetEvents()).Within());
    }

    private static ActorCell CellOf(Address address) => Assert.IsType<ActorCell>(address.Process);
}

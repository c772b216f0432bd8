using TypedActors.Introspection;
using TypedActors.Testing;

namespace TypedActors.Tests;

public sealed record SpawnObservedChild;

/// <summary>Spawns children on request; its children are what the supervision tree of an operator tool shows.</summary>
public partial class ObservedParent : Actor
{
    [Receive] ActorRef<Counter> On(SpawnObservedChild _) => Spawn<Counter>();
}

/// <summary>The runtime's introspection API: what an operator tool reads of a running system.</summary>
public class IntrospectionTests
{
    [Fact]
    public async Task A_sample_lists_each_live_actor_with_its_type_parent_status_queue_and_handled_count()
    {
        await using var system = new ActorSystem();
        ActorRef<Counter> counter = system.Spawn<Counter>();
        ActorRef<ObservedParent> parent = system.Spawn<ObservedParent>();
        ActorRef<Counter> child = await parent.Ask(new SpawnObservedChild()).Within();
        for (int i = 0; i < 5; i++)
        {
            counter.Tell(new Increment());
        }

        Assert.Equal(5, await counter.Ask(new GetCount()).Within());

        var samples = new List<ActorSample>();
        ActorIntrospection.Sample(system, samples);

        Assert.Equal(3, samples.Count);
        ActorSample counterSample = samples.Single(s => s.Address == counter.Address);
        Assert.Equal(typeof(Counter), counterSample.ActorType);
        Assert.Equal(ActorStatus.Running, counterSample.Status);
        Assert.True(counterSample.Parent.IsEmpty);
        Assert.Equal(6u, counterSample.MessagesHandled); // five increments and the ask
        Assert.Equal(0, counterSample.QueuedMessages);
        ActorSample childSample = samples.Single(s => s.Address == child.Address);
        Assert.Equal(parent.Address, childSample.Parent);

        // The same list is refilled, not appended to.
        child.Address.Stop();
        await child.Address.Completion.Within();
        ActorIntrospection.Sample(system, samples);
        Assert.Equal(2, samples.Count);
        Assert.Null(ActorIntrospection.SampleOf(child.Address));
    }

    [Fact]
    public async Task Queued_messages_show_while_a_handler_holds_the_actor_and_drain_after()
    {
        await using var system = new ActorSystem();
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        ActorRef<Gated> gated = system.Spawn(() => new Gated(gate.Task, entered));
        Task<string> first = gated.Ask(new Echo("first"));
        await entered.Task.Within();
        var queued = Enumerable.Range(0, 10).Select(i => gated.Ask(new Echo(i.ToString()))).ToList();

        Assert.Equal(10, ActorIntrospection.SampleOf(gated.Address)!.Value.QueuedMessages);

        gate.SetResult();
        await Task.WhenAll(queued).Within();
        Assert.Equal("first", await first);
        ActorSample drained = ActorIntrospection.SampleOf(gated.Address)!.Value;
        Assert.Equal(0, drained.QueuedMessages);
        Assert.Equal(11u, drained.MessagesHandled);
    }

    [Fact]
    public async Task Relations_report_children_links_and_monitors_both_ways()
    {
        await using var system = new ActorSystem();
        ActorRef<ObservedParent> parent = system.Spawn<ObservedParent>();
        ActorRef<Counter> child = await parent.Ask(new SpawnObservedChild()).Within();
        ActorRef<Linker> a = system.Spawn<Linker>();
        ActorRef<Linker> b = system.Spawn<Linker>();
        ActorRef<Linker> watcher = system.Spawn<Linker>();
        a.Tell(new LinkTo(b.Address));
        await watcher.Ask(new MonitorIt(a.Address)).Within();
        await a.Ask(new GetEvents()).Within(); // the link is in place once a has handled it

        ActorRelations parentRelations = ActorIntrospection.GetRelations(parent.Address)!;
        Assert.Equal([child.Address], parentRelations.Children);
        Assert.Equal(parent.Address, ActorIntrospection.GetRelations(child.Address)!.Parent);

        ActorRelations aRelations = ActorIntrospection.GetRelations(a.Address)!;
        Assert.Equal([b.Address], aRelations.Links);
        Assert.Equal([watcher.Address], aRelations.MonitoredBy);
        Assert.Equal([a.Address], ActorIntrospection.GetRelations(b.Address)!.Links);
        Assert.Equal([a.Address], ActorIntrospection.GetRelations(watcher.Address)!.Monitors);
        Assert.Empty(ActorIntrospection.GetRelations(child.Address)!.Links);
        Assert.True(ActorIntrospection.IsLocal(a.Address));
    }

    [Fact]
    public async Task Failures_are_published_with_the_exception_and_stack_trace_and_kills_are_not()
    {
        await using var system = new ActorSystem();
        var failures = new List<ActorFailure>();
        using IDisposable subscription = system.Failures.Subscribe(new Collect<ActorFailure>(failures));
        ActorRef<Linker> failing = system.Spawn<Linker>();
        ActorRef<Linker> killed = system.Spawn<Linker>();

        failing.Tell(new Crash("disk on fire"));
        killed.Address.Kill();
        await Task.WhenAll(failing.Address.Completion, killed.Address.Completion).Within();

        ActorFailure failure;
        lock (failures)
        {
            failure = Assert.Single(failures);
        }

        Assert.Equal(failing.Address, failure.Actor);
        Assert.Equal(ExitKind.Failed, failure.Reason.Kind);
        Assert.Equal("disk on fire", failure.Reason.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.Reason.ExceptionType);
        Assert.Contains(nameof(Linker), failure.Reason.StackTrace);
    }

    private sealed class Collect<T>(List<T> into) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}

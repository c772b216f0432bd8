using TypedActors.Dispatching;
using TypedActors.Remoting;

namespace TypedActors.Tests;

public sealed record Probe;

public sealed record ProbeResult(int Thread, bool DefaultScheduler, bool InActorContext);

public sealed record RunAction;

/// <summary>Reports where its handler runs.</summary>
public partial class ThreadProbe : Actor
{
    [Receive]
    ProbeResult On(Probe _) => new(
        Environment.CurrentManagedThreadId,
        TaskScheduler.Current == TaskScheduler.Default,
        SynchronizationContext.Current is ActorProcess);
}

/// <summary>Runs a test's action inside its turn.</summary>
public partial class ActionRunner(Action action) : Actor
{
    [Receive]
    void On(RunAction _) => action();
}

/// <summary>
/// The two shortcuts a transport takes for requests from another process: an idle actor's turn runs on the calling
/// thread, and the reply to a remote ask continues the asker on the completing thread, but never inside a turn.
/// </summary>
public class RemoteDeliveryTests
{
    [Fact]
    public async Task An_idle_actor_answers_a_request_delivered_to_run_here_before_the_delivery_returns()
    {
        await using var system = new ActorSystem();
        ActorRef<ThreadProbe> probe = system.Spawn<ThreadProbe>();
        await probe.Ask(new Probe()).Within(); // started and idle

        // Called from a task of another scheduler, as a transport's own scheduler would: the turn must not see it.
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        (int caller, AskRequest<ProbeResult> request) = await Task.Factory.StartNew(() =>
        {
            var request = new AskRequest<ProbeResult>(new Probe(), probe.Address.Process!, Timeout.InfiniteTimeSpan, default);
            probe.Address.Process!.DeliverAndRunHere(request);
            return (Environment.CurrentManagedThreadId, request);
        }, CancellationToken.None, TaskCreationOptions.None, exclusive).Within();

        Assert.True(request.Task.IsCompletedSuccessfully); // answered inside DeliverAndRunHere
        ProbeResult result = await request.Task;
        Assert.Equal(caller, result.Thread);
        Assert.True(result.DefaultScheduler);
        Assert.True(result.InActorContext);
    }

    [Fact]
    public async Task A_busy_actor_queues_a_request_delivered_to_run_here_and_answers_it_in_order()
    {
        await using var system = new ActorSystem();
        using var gate = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        ActorRef<ActionRunner> runner = system.Spawn(() => new ActionRunner(() =>
        {
            entered.Release();
            gate.Wait(Deadline.Default);
        }));
        ActorRef<ThreadProbe> probe = system.Spawn<ThreadProbe>();
        runner.Tell(new RunAction());
        Assert.True(await entered.WaitAsync(Deadline.Default));

        var request = new AskRequest<NoReply>(new RunAction(), runner.Address.Process!, Timeout.InfiniteTimeSpan, default);
        runner.Address.Process!.DeliverAndRunHere(request); // the actor is in a turn: queued, not run here

        Assert.False(request.Task.IsCompleted);
        gate.Set();
        await request.Task.Within();
        await probe.Ask(new Probe()).Within();
    }

    [Fact]
    public async Task A_request_delivered_to_run_here_to_a_dead_actor_fails_with_DeadActorException()
    {
        await using var system = new ActorSystem();
        ActorRef<ThreadProbe> probe = system.Spawn<ThreadProbe>();
        probe.Stop();
        await probe.Completion.Within();

        var request = new AskRequest<ProbeResult>(new Probe(), probe.Address.Process!, Timeout.InfiniteTimeSpan, default);
        probe.Address.Process!.DeliverAndRunHere(request);

        await Assert.ThrowsAsync<DeadActorException>(() => request.Task.Within());
    }

    [Fact]
    public async Task A_remote_reply_continues_the_asker_on_the_completing_thread()
    {
        await using var system = new ActorSystem();
        var request = new AskRequest<int>(new Probe(), new RemoteStandIn(system), Timeout.InfiniteTimeSpan, default);
        Task<int> continuedOn = request.Task.ContinueWith(_ => Environment.CurrentManagedThreadId, TaskContinuationOptions.ExecuteSynchronously);

        int completer = await Task.Run(() =>
        {
            request.TrySetResult(1);
            return Environment.CurrentManagedThreadId;
        }).Within();

        Assert.Equal(completer, await continuedOn.Within());
    }

    [Fact]
    public async Task A_local_reply_never_continues_the_asker_on_the_replying_thread()
    {
        await using var system = new ActorSystem();
        ActorRef<ThreadProbe> probe = system.Spawn<ThreadProbe>();
        var request = new AskRequest<int>(new Probe(), probe.Address.Process!, Timeout.InfiniteTimeSpan, default);
        Task<int> continuedOn = request.Task.ContinueWith(_ => Environment.CurrentManagedThreadId, TaskContinuationOptions.ExecuteSynchronously);

        using var completerKnown = new ManualResetEventSlim();
        int completer = 0;
        var thread = new Thread(() =>
        {
            completer = Environment.CurrentManagedThreadId;
            request.TrySetResult(1);
            completerKnown.Set();
        });
        thread.Start();
        Assert.True(completerKnown.Wait(Deadline.Default));

        Assert.NotEqual(completer, await continuedOn.Within());
    }

    [Theory]
    [InlineData("result")]
    [InlineData("failure")]
    public async Task A_remote_reply_completed_inside_an_actor_turn_continues_the_asker_outside_it(string outcome)
    {
        await using var system = new ActorSystem();
        var request = new AskRequest<int>(new Probe(), new RemoteStandIn(system), Timeout.InfiniteTimeSpan, default);
        Task<bool> continuedInTurn = request.Task.ContinueWith(
            _ => SynchronizationContext.Current is ActorProcess, TaskContinuationOptions.ExecuteSynchronously);
        ActorRef<ActionRunner> runner = system.Spawn(() => new ActionRunner(() =>
        {
            if (outcome == "result")
            {
                request.TrySetResult(1);
            }
            else
            {
                request.Fail(new InvalidOperationException("failed while sending"));
            }
        }));

        runner.Tell(new RunAction());

        Assert.False(await continuedInTurn.Within());
    }

    /// <summary>Stands in for an actor in another process: only what an ask needs of its target.</summary>
    private sealed class RemoteStandIn(ActorSystem system) : RemoteProcess(system, "stand-in", typeof(ThreadProbe))
    {
        protected override void Tell(object message) => throw new NotSupportedException("The stand-in receives nothing.");

        protected override void Ask(RemoteAsk ask) => throw new NotSupportedException("The stand-in receives nothing.");

        protected override void OnDown(ActorProcess who, ExitReason reason) => throw new NotSupportedException();

        public override void Stop() => throw new NotSupportedException();

        public override void Kill(ExitReason reason) => throw new NotSupportedException();

        public override ExitReason? AddLink(ActorProcess other) => throw new NotSupportedException();

        public override void RemoveLink(ActorProcess other) => throw new NotSupportedException();

        public override ExitReason? AddWatcher(ActorProcess watcher) => throw new NotSupportedException();

        public override void RemoveWatcher(ActorProcess watcher) => throw new NotSupportedException();

        public override void OnExitSignal(ActorProcess from, ExitReason reason) => throw new NotSupportedException();
    }
}

using System.Collections.Concurrent;

namespace TypedActors.Tests;

public sealed record Job(int N);
public sealed record CountJobs;
public sealed record WatchIt(Address Other);
public sealed record SendToSelf;

/// <summary>
/// Holds every job until the gate opens, so that the jobs after the first stay queued; records each job and each
/// <see cref="Down"/> it handles, in order. Bounded to three queued user messages.
/// </summary>
[Mailbox(Capacity = 3)]
public partial class GatedJobs : Actor
{
    private readonly Task _gate;
    private readonly TaskCompletionSource _entered;
    private readonly ConcurrentQueue<string> _handled;

    public GatedJobs(Task gate, TaskCompletionSource entered, ConcurrentQueue<string> handled)
    {
        _gate = gate;
        _entered = entered;
        _handled = handled;
    }

    [Receive]
    async Task On(Job job)
    {
        _entered.TrySetResult();
        await _gate;
        _handled.Enqueue($"job {job.N}");
    }

    [Receive] int On(CountJobs _) => _handled.Count;

    [Receive] void On(WatchIt watch) => Monitor(watch.Other);

    [Receive] void On(Down down) => _handled.Enqueue($"down {down.Who.Id}");
}

/// <summary>The same actor with the newest messages kept: a full mailbox drops its oldest.</summary>
[Mailbox(Capacity = 3, Overflow = MailboxOverflow.DropOldest)]
public partial class GatedJobsKeepingLatest : GatedJobs
{
    public GatedJobsKeepingLatest(Task gate, TaskCompletionSource entered, ConcurrentQueue<string> handled)
        : base(gate, entered, handled)
    {
    }
}

/// <summary>Waits for the gate, then sends to itself with TellAsync while its own mailbox is full.</summary>
[Mailbox(Capacity = 1)]
public partial class SelfSender : Actor
{
    private readonly Task _gate;
    private readonly TaskCompletionSource _entered;

    public SelfSender(Task gate, TaskCompletionSource entered)
    {
        _gate = gate;
        _entered = entered;
    }

    [Receive]
    async Task<string> On(SendToSelf _)
    {
        _entered.TrySetResult();
        await _gate;
        try
        {
            await Self.TellAsync(new Job(1));
            return "sent";
        }
        catch (MailboxDeadlockException deadlock)
        {
            return $"deadlock of {deadlock.Cycle.Count}: {deadlock.Cycle[0] == Self.Address}";
        }
    }

    [Receive] void On(Job _) { }
}

public class BoundedMailboxTests
{
    private sealed class Fixture : IAsyncDisposable
    {
        public readonly ActorSystem System;
        public readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly ConcurrentQueue<string> Handled = new();
        public readonly ConcurrentQueue<DeadLetter> Letters = new();
        private readonly IDisposable _subscription;

        public Fixture(ActorSystemOptions? options = null)
        {
            System = new ActorSystem(options ?? new ActorSystemOptions());
            _subscription = System.DeadLetters.Subscribe(Letters.Enqueue);
        }

        public IEnumerable<object> Dropped => Letters.Where(l => l.Reason == DeadLetterReason.MailboxFull).Select(l => l.Message);

        /// <summary>Spawns the gated actor and fills it: job 0 in its handler, jobs 1 to 3 queued.</summary>
        public async Task<ActorRef<GatedJobs>> SpawnFull(MailboxOptions? mailbox = null)
        {
            ActorRef<GatedJobs> gated = mailbox is null
                ? System.Spawn(() => new GatedJobs(Gate.Task, Entered, Handled))
                : System.Spawn(() => new GatedJobs(Gate.Task, Entered, Handled), mailbox);
            gated.Tell(new Job(0));
            await Entered.Task.Within();
            for (int n = 1; n <= 3; n++)
            {
                gated.Tell(new Job(n));
            }

            Assert.Empty(Letters);
            return gated;
        }

        /// <summary>
        /// Spawns another gated actor, with its own gate and no recording: job 0 in its handler, then jobs 1 to 4 sent,
        /// of which the class's capacity of three are queued.
        /// </summary>
        public async Task<(ActorRef<GatedJobs> Actor, TaskCompletionSource Gate)> SpawnAnotherOverfilled()
        {
            var gate = new TaskCompletionSource();
            var entered = new TaskCompletionSource();
            ActorRef<GatedJobs> actor = System.Spawn(() => new GatedJobs(gate.Task, entered, new ConcurrentQueue<string>()));
            actor.Tell(new Job(0));
            await entered.Task.Within();
            for (int n = 1; n <= 4; n++)
            {
                actor.Tell(new Job(n));
            }

            return (actor, gate);
        }

        public async ValueTask DisposeAsync()
        {
            Gate.TrySetResult();
            _subscription.Dispose();
            await System.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_Tell_to_a_full_mailbox_returns_at_once_and_the_message_is_a_MailboxFull_dead_letter()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> gated = await f.SpawnFull();

        gated.Tell(new Job(4));
        gated.Tell(new Job(5));

        Assert.Equal([new Job(4), new Job(5)], f.Dropped);
        Assert.All(f.Letters, l => Assert.Equal(gated.Address, l.Recipient));
        f.Gate.SetResult();
        await Deadline.Until(() => f.Handled.Count == 4);
        Assert.Equal(["job 0", "job 1", "job 2", "job 3"], f.Handled);
        gated.Tell(new Job(6)); // room again
        await Deadline.Until(() => f.Handled.Count == 5);
        Assert.Equal(2, f.System.DeadLetters.Count);
    }

    [Fact]
    public async Task An_Ask_to_a_full_mailbox_fails_at_once_with_MailboxFullException_naming_the_actor()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> gated = await f.SpawnFull();

        Task<int> ask = gated.Ask(new CountJobs());

        Assert.True(ask.IsCompleted, "the ask must fail at once, not wait for a timeout");
        MailboxFullException full = await Assert.ThrowsAsync<MailboxFullException>(() => ask);
        Assert.Equal(gated.Address, full.Actor);
        Assert.Equal([new CountJobs()], f.Dropped);
    }

    [Fact]
    public async Task TellAsync_waits_for_room_and_serves_waiting_senders_in_the_order_they_came()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> gated = await f.SpawnFull();

        ValueTask[] waiting = [gated.TellAsync(new Job(4)), gated.TellAsync(new Job(5)), gated.TellAsync(new Job(6))];
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        gated.Tell(new Job(7)); // senders wait: a plain Tell finds the mailbox full rather than jumping the queue
        Assert.Equal([new Job(7)], f.Dropped);

        f.Gate.SetResult();
        foreach (ValueTask wait in waiting)
        {
            await wait.AsTask().Within();
        }

        await Deadline.Until(() => f.Handled.Count == 7);
        Assert.Equal(["job 0", "job 1", "job 2", "job 3", "job 4", "job 5", "job 6"], f.Handled);
    }

    [Fact]
    public async Task TellAsync_with_room_completes_at_once()
    {
        await using var f = new Fixture();
        f.Gate.SetResult();
        ActorRef<GatedJobs> gated = f.System.Spawn(() => new GatedJobs(f.Gate.Task, f.Entered, f.Handled));

        ValueTask sent = gated.TellAsync(new Job(1));

        Assert.True(sent.IsCompletedSuccessfully);
        await Deadline.Until(() => f.Handled.Count == 1);
    }

    [Fact]
    public async Task A_cancelled_TellAsync_gives_up_its_place_and_its_message_is_never_handled()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> gated = await f.SpawnFull();
        using var cancel = new CancellationTokenSource();

        ValueTask first = gated.TellAsync(new Job(4), cancel.Token);
        ValueTask second = gated.TellAsync(new Job(5));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.AsTask().Within());
        Assert.False(second.IsCompleted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gated.TellAsync(new Job(6), cancel.Token).AsTask());
        f.Gate.SetResult();
        await second.AsTask().Within();
        await Deadline.Until(() => f.Handled.Count == 5);
        Assert.Equal(["job 0", "job 1", "job 2", "job 3", "job 5"], f.Handled);
        Assert.Empty(f.Letters); // a cancelled wait leaves no dead letter: its message was never sent
    }

    [Fact]
    public async Task TellAsync_fails_with_DeadActorException_when_the_actor_dies_while_senders_wait()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> gated = await f.SpawnFull();

        ValueTask waiting = gated.TellAsync(new Job(4));
        Assert.False(waiting.IsCompleted);
        gated.Kill(); // takes effect once the handler of job 0 returns: the gate lets it
        f.Gate.SetResult();

        Assert.Equal(ExitKind.Killed, (await gated.Completion.Within()).Kind);
        DeadActorException dead = await Assert.ThrowsAsync<DeadActorException>(() => waiting.AsTask().Within());
        Assert.Equal(gated.Address, dead.Actor);
        Assert.Contains(f.Letters, l => l.Message is Job { N: 4 } && l.Reason == DeadLetterReason.RecipientTerminated);
        Assert.Equal(["job 0"], f.Handled);
        ValueTask late = gated.TellAsync(new Job(5));
        Assert.True(late.IsCompleted, "a TellAsync to a dead actor fails at once");
        await Assert.ThrowsAsync<DeadActorException>(() => late.AsTask());
    }

    [Fact]
    public async Task DropOldest_dead_letters_the_oldest_queued_messages_and_keeps_the_newest()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobsKeepingLatest> latest = f.System.Spawn(() => new GatedJobsKeepingLatest(f.Gate.Task, f.Entered, f.Handled));
        latest.Tell(new Job(0));
        await f.Entered.Task.Within();

        for (int n = 1; n <= 5; n++)
        {
            latest.Tell(new Job(n)); // 1 to 3 fill it; 4 and 5 each owe the drop of an older one
        }

        ValueTask sent = latest.TellAsync(new Job(6)); // DropOldest makes room: TellAsync does not wait
        Assert.True(sent.IsCompletedSuccessfully);
        latest.Tell(new Job(7)); // three drops owed and none taken yet: the mailbox holds twice its capacity, 7 is refused
        Assert.Equal([new Job(7)], f.Dropped);

        f.Gate.SetResult();
        await Deadline.Until(() => f.Handled.Count == 4);
        await Deadline.Until(() => f.Letters.Count == 4);
        Assert.Equal(["job 0", "job 4", "job 5", "job 6"], f.Handled);
        Assert.Equal([new Job(7), new Job(1), new Job(2), new Job(3)], f.Dropped);
    }

    [Fact]
    public async Task Signals_reach_a_full_mailbox_and_do_not_count_against_it()
    {
        await using var f = new Fixture();
        ActorRef<GatedJobs> watcher = f.System.Spawn(
            () => new GatedJobs(f.Gate.Task, f.Entered, f.Handled), new MailboxOptions { Capacity = 5 });
        ActorRef<Counter> watched = f.System.Spawn<Counter>();
        watcher.Tell(new WatchIt(watched.Address));
        watcher.Tell(new Job(0));
        await f.Entered.Task.Within();
        for (int n = 1; n <= 5; n++)
        {
            watcher.Tell(new Job(n));
        }

        watched.Stop(); // its Down reaches the full mailbox
        await watched.Completion.Within();
        watcher.Tell(new Job(6));
        Assert.Equal([new Job(6)], f.Dropped); // full with five jobs: the Down took no room

        f.Gate.SetResult();
        await Deadline.Until(() => f.Handled.Count == 7);
        Assert.Equal($"down {watched.Address.Id}", f.Handled.Last());

        // A kill is never refused either: it ends an actor whose mailbox is full, and what was queued is dead-lettered.
        (ActorRef<GatedJobs> full, TaskCompletionSource gate) = await f.SpawnAnotherOverfilled(); // three queued, the fourth refused

        full.Kill();
        gate.SetResult();
        Assert.Equal(ExitKind.Killed, (await full.Completion.Within()).Kind);
        await Deadline.Until(() => f.Letters.Count(l => l.Recipient == full.Address) == 4);
        Assert.Equal(3, f.Letters.Count(l => l.Recipient == full.Address && l.Reason == DeadLetterReason.RecipientTerminated));
    }

    [Fact]
    public async Task A_capacity_given_at_spawn_wins_over_the_class_which_wins_over_the_system_default()
    {
        await using var f = new Fixture(new ActorSystemOptions { MailboxCapacity = 1 });
        ActorRef<GatedJobs> wide = await f.SpawnFull(new MailboxOptions { Capacity = 10 });
        for (int n = 4; n <= 9; n++)
        {
            wide.Tell(new Job(n));
        }

        Assert.Empty(f.Dropped); // ten fit, not the class's three
        wide.Tell(new Job(10));
        wide.Tell(new Job(11));
        Assert.Equal([new Job(11)], f.Dropped);

        (_, TaskCompletionSource gate) = await f.SpawnAnotherOverfilled(); // bounded by its class, not by the system

        Assert.Equal([new Job(11), new Job(4)], f.Dropped); // the class's three, not the system's one
        gate.SetResult();

        ActorRef<Counter> bySystem = f.System.Spawn<Counter>(); // no attribute: the system's capacity of one
        ActorRef<Counter> unbounded = f.System.Spawn<Counter>(MailboxOptions.Unbounded);
        for (int i = 0; i < 10_000; i++)
        {
            bySystem.Tell(new Increment());
            unbounded.Tell(new Increment());
        }

        Assert.Equal(10_000, await unbounded.Ask(new GetCount()).Within());
        int refused = f.Letters.Count(l => l.Recipient == bySystem.Address && l.Message is Increment);
        Assert.True(refused > 0, "a capacity of one refuses some of 10,000 quick sends");

        // An ask refused while the last increment waits would fail at once; ask again until one is queued.
        int handled = await Eventually.Holds(
            async () =>
            {
                try
                {
                    return await bySystem.Ask(new GetCount());
                }
                catch (MailboxFullException)
                {
                    return -1;
                }
            },
            count => count >= 0);
        Assert.Equal(10_000, handled + refused);
        Assert.Equal(refused, f.Letters.Count(l => l.Recipient == bySystem.Address && l.Message is Increment));
    }

    [Fact]
    public void Invalid_capacities_and_policies_are_refused_where_they_are_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MailboxOptions { Capacity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MailboxOptions { Capacity = MailboxOptions.MaxCapacity + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MailboxOptions { Overflow = (MailboxOverflow)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActorSystemOptions { MailboxCapacity = -5 });
        Assert.Null(new ActorSystemOptions().MailboxCapacity);
        Assert.Equal(1, new MailboxOptions { Capacity = 1 }.Capacity);
    }

    [Fact]
    public async Task TellAsync_to_its_own_full_mailbox_from_a_handler_fails_with_MailboxDeadlockException()
    {
        await using var f = new Fixture();
        ActorRef<SelfSender> sender = f.System.Spawn(() => new SelfSender(f.Gate.Task, f.Entered));
        Task<string> answer = sender.Ask(new SendToSelf());
        await f.Entered.Task.Within();
        sender.Tell(new Job(0)); // the one place in its mailbox is taken

        f.Gate.SetResult();

        Assert.Equal("deadlock of 1: True", await answer.Within());
    }
}

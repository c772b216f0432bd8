using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using MessagePack;
using TypedActors.Copying.Serialization;
using TypedActors.Diagnostics;
using TypedActors.Remoting;

namespace TypedActors.Tests;

/// <summary>
/// The public seam a remoting transport builds on, used as a transport uses it: a remote process of its own, local
/// actors it spawns or is asked to export, requests from the wire answered through a wire reply.
/// </summary>
public class RemotingTests
{
    private static readonly MessagePackSerializerOptions Wire = ActorMessagePack.CreateOptions();

    [Fact]
    public async Task An_attached_remoting_exports_local_addresses_written_to_the_wire_and_resolves_those_read()
    {
        await using var system = new ActorSystem();
        var remoting = new RecordingRemoting(system);
        RemotingContext context = system.AttachRemoting(remoting);
        Assert.Same(system, context.System);
        Assert.Throws<InvalidOperationException>(() => system.AttachRemoting(new RecordingRemoting(system)));

        ActorRef<Counter> local = system.Spawn<Counter>();
        var options = ActorMessagePack.CreateOptions(system);
        byte[] written = MessagePackSerializer.Serialize(local.Address, options);

        ActorProcess exported = Assert.Single(remoting.Exported);
        Assert.Equal(local.Address, exported.Address);
        Assert.Contains($"exported/{local.Address.Id}", MessagePackSerializer.ConvertToJson(written));

        Address read = MessagePackSerializer.Deserialize<Address>(written, options);
        Assert.Equal(($"exported/{local.Address.Id}", typeof(Counter).FullName), Assert.Single(remoting.Resolved));
        Assert.Equal(remoting.Remote.Address, read);
    }

    [Fact]
    public async Task A_tell_to_a_remote_actor_reaches_the_transport_without_the_senders_trace_context()
    {
        using var source = new ActivitySource("TypedActors.Tests.RemoteTell");
        using var listener = ActivityListeners.Listen(s => s.Name == source.Name || s.Name == ActorTelemetry.Name);
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/tell");

        using (Activity? sending = source.StartActivity("send"))
        {
            Assert.NotNull(sending);
            remote.Address.Send(new Echo("hello"));
        }

        Assert.Equal(new Echo("hello"), Assert.Single(remote.Told));
    }

    [Fact]
    public async Task An_ask_of_a_remote_actor_completes_with_the_reply_the_transport_read_from_the_wire_or_fails_with_its_exception()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/ask");

        Task<string> answered = remote.Address.Ask<string>(new Echo("ping"));
        RemoteAsk ask = await remote.Asks.ReadAsync().AsTask().Within();
        Assert.Equal(new Echo("ping"), ask.Message);
        ask.Complete(MessagePackSerializer.Serialize("pong", Wire), Wire);
        Assert.Equal("pong", await answered.Within());

        Task<string> failed = remote.Address.Ask<string>(new Echo("again"));
        (await remote.Asks.ReadAsync().AsTask().Within()).Fail(new TimeoutException("no answer"));
        Assert.Equal("no answer", (await Assert.ThrowsAsync<TimeoutException>(() => failed.Within())).Message);
    }

    [Fact]
    public async Task Once_a_remote_actor_is_found_dead_its_messages_are_dead_letters_and_its_asks_fail_with_the_reason()
    {
        await using var system = new ActorSystem();
        var deadLetters = new ConcurrentQueue<DeadLetter>();
        using IDisposable subscription = system.DeadLetters.Subscribe(deadLetters.Enqueue);
        var remote = new RecordingRemote(system, "remote/dead");

        Assert.False(remote.FoundDead(ExitReason.NoConnection)); // unreachable is not dead
        Assert.False(remote.IsDead);
        Assert.True(remote.FoundDead(ExitReason.Killed));
        Assert.False(remote.FoundDead(ExitReason.Normal));
        Assert.Equal(1, remote.FoundDeadCalls);

        Assert.True(remote.IsDead);
        Assert.Equal(ExitReason.Killed, await remote.Completion.Within());
        remote.Address.Send(new Echo("lost"));
        DeadActorException dead = await Assert.ThrowsAsync<DeadActorException>(() => remote.Address.Ask<string>(new Echo("asked")).Within());
        Assert.Equal(ExitReason.Killed, dead.Reason);

        Assert.Empty(remote.Told);
        Assert.Equal(
            new (object, DeadLetterReason)[] { (new Echo("lost"), DeadLetterReason.RecipientDead), (new Echo("asked"), DeadLetterReason.RecipientDead) },
            deadLetters.Select(d => (d.Message, d.Reason)));
        Assert.All(deadLetters, d => Assert.Equal(remote.Address, d.Recipient));
    }

    [Fact]
    public async Task A_remote_actor_whose_process_is_lost_for_good_is_dead_with_noconnection_even_for_an_awaited_completion()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/lost");
        Task<ExitReason> completion = remote.Completion; // awaited before the loss: its monitor never gets a Down

        Assert.True(remote.FoundLost());
        Assert.False(remote.FoundLost());
        Assert.False(remote.FoundDead(ExitReason.Killed)); // the first reason learned stays
        Assert.Equal(1, remote.FoundDeadCalls);

        Assert.True(remote.IsDead);
        Assert.Equal(ExitReason.NoConnection, await completion.Within());
        DeadActorException dead = await Assert.ThrowsAsync<DeadActorException>(() => remote.Address.Ask<string>(new Echo("asked")).Within());
        Assert.Equal(ExitReason.NoConnection, dead.Reason);
        Assert.Empty(remote.Told);
    }

    [Fact]
    public async Task A_completion_that_ends_with_noconnection_leaves_the_remote_actor_dead_when_it_is_awaited()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/completion-lost");

        Task<ExitReason> completion = remote.Completion;
        ActorProcess watcher = Assert.Single(remote.Watchers);
        watcher.DeliverMessage(new Down(remote.Address, ExitReason.NoConnection)); // the transport declared its process lost

        Assert.Equal(ExitReason.NoConnection, await completion.Within());
        Assert.True(remote.IsDead); // at once, not eventually: recorded before the completion completes
        Assert.Equal(1, remote.FoundDeadCalls);
    }

    [Fact]
    public async Task The_completion_of_a_remote_actor_is_a_monitor_that_the_Down_from_its_process_completes()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/completion");

        Task<ExitReason> completion = remote.Completion;
        Assert.Same(completion, remote.Completion);
        ActorProcess watcher = Assert.Single(remote.Watchers);
        Assert.NotEqual(remote.Address, watcher.Address);
        Assert.False(completion.IsCompleted);

        ExitReason failed = ExitReason.Failed(new InvalidOperationException("remote failure"));
        watcher.DeliverMessage(new Down(remote.Address, failed)); // what the transport does when the remote Down arrives

        Assert.Equal(failed, await completion.Within());
        await Deadline.Until(() => remote.IsDead);
    }

    [Fact]
    public async Task A_remote_actor_that_reactivates_is_never_recorded_dead_and_its_Completion_watches_one_incarnation_at_a_time()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/durable", reactivates: true);

        Task<ExitReason> first = remote.Completion;
        Assert.Same(first, remote.Completion);
        ActorProcess firstWatcher = Assert.Single(remote.Watchers);

        // An answer "dead" (from an ending incarnation, maybe late) records nothing and completes nothing.
        Assert.False(remote.FoundDead(ExitReason.NoProcess));
        Assert.False(remote.FoundLost());
        Assert.False(first.IsCompleted);
        Assert.Same(first, remote.Completion);
        Assert.False(remote.IsDead);
        Assert.Equal(0, remote.FoundDeadCalls);

        firstWatcher.DeliverMessage(new Down(remote.Address, ExitReason.Killed)); // its own monitor: the real reason
        Assert.Equal(ExitReason.Killed, await first.Within());
        Assert.False(remote.IsDead);
        remote.Address.Send(new Echo("to the next incarnation"));
        Assert.Equal(new Echo("to the next incarnation"), Assert.Single(remote.Told)); // sent, not dead-lettered

        // A later read watches the next incarnation, with a monitor of its own: a late Down of the first one and any
        // answer "dead" leave it pending; its own Down completes it.
        Task<ExitReason> second = remote.Completion;
        Assert.NotSame(first, second);
        Assert.Equal(2, remote.Watchers.Count);
        firstWatcher.DeliverMessage(new Down(remote.Address, ExitReason.Normal));
        Assert.False(remote.FoundDead(ExitReason.Normal));
        Assert.False(remote.FoundLost());
        Assert.False(second.IsCompleted);
        remote.Watchers.Last().DeliverMessage(new Down(remote.Address, ExitReason.NoConnection));
        Assert.Equal(ExitReason.NoConnection, await second.Within());
        Assert.False(remote.IsDead);
        Assert.NotSame(second, remote.Completion); // and the read after it watches the one after
    }

    [Fact]
    public async Task A_terminating_actor_has_its_exit_reason_before_its_Completion_completes()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        var gate = new TaskCompletionSource();
        ActorRef<SlowToStop> actor = system.Spawn(() => new SlowToStop(gate.Task));
        ActorProcess process = actor.Address.Process!;
        Assert.Null(context.ExitReasonOf(process));

        actor.Stop();
        await Eventually.Holds(() => process.IsDead);
        Assert.Equal(ExitReason.Normal, context.ExitReasonOf(process)); // while its stop hook still runs
        Assert.False(actor.Completion.IsCompleted);

        gate.SetResult();
        Assert.Equal(ExitReason.Normal, await actor.Completion.Within());
        Assert.Equal(ExitReason.Normal, context.ExitReasonOf(process));
        Assert.Throws<ArgumentNullException>(() => context.ExitReasonOf(null!));
    }

    [Fact]
    public async Task A_local_actor_is_quiescent_only_while_nothing_is_queued_running_or_awaiting_in_it()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ActorRef<Gated> gated = system.Spawn(() => new Gated(gate.Task, entered));
        ActorProcess process = gated.Address.Process!;
        await Eventually.Holds(() => context.IsQuiescent(process));

        Task<string> first = gated.Ask(new Echo("first"));
        await entered.Task.Within();
        Assert.False(context.IsQuiescent(process)); // its handler awaits
        Task<string> second = gated.Ask(new Echo("second"));
        Assert.False(context.IsQuiescent(process)); // and a message waits behind it

        gate.SetResult();
        Assert.Equal("first", await first.Within());
        Assert.Equal("second", await second.Within());
        await Eventually.Holds(() => context.IsQuiescent(process));

        gated.Stop();
        await gated.Completion.Within();
        Assert.False(context.IsQuiescent(process));
        Assert.False(context.IsQuiescent(new RecordingRemote(system, "remote/quiescent")));
        Assert.Throws<ArgumentNullException>(() => context.IsQuiescent(null!));
    }

    [Fact]
    public async Task A_remote_actor_that_monitors_a_local_one_is_told_when_it_terminates()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        var remote = new RecordingRemote(system, "remote/watcher");
        ActorProcess local = context.Spawn<Counter>("local/watched");

        Assert.Null(local.AddWatcher(remote));
        local.Stop();

        (ActorProcess who, ExitReason reason) = await remote.FirstDown.Within();
        Assert.Same(local, who);
        Assert.Equal(ExitReason.Normal, reason);
    }

    [Fact]
    public async Task A_link_to_a_remote_actor_found_dead_later_kills_the_actor_that_linked()
    {
        await using var system = new ActorSystem();
        var remote = new RecordingRemote(system, "remote/linked");
        ActorRef<Linker> linker = system.Spawn<Linker>();

        await linker.Ask(new LinkTo(remote.Address)).Within();
        ActorProcess linking = Assert.Single(remote.Linkers);
        Assert.Equal(linker.Address, linking.Address);

        remote.ReportDead(linking, ExitReason.Killed);

        Assert.Equal(ExitReason.Killed, await linker.Completion.Within());
    }

    [Fact]
    public async Task Processes_with_the_same_cluster_key_are_one_actor_wherever_they_were_made()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        ActorProcess spawned = context.Spawn<Counter>("shared/1");
        var first = new RecordingRemote(system, "shared/1", typeof(Counter));
        var second = new RecordingRemote(system, "shared/1", typeof(Counter));

        Assert.Equal("shared/1", spawned.ClusterKey);
        Assert.Equal(first.Address, second.Address);
        Assert.Equal(first.Address.GetHashCode(), second.Address.GetHashCode());
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(spawned.Address, first.Address);
        Assert.Equal(spawned.Address.GetHashCode(), first.Address.GetHashCode());
        Assert.NotEqual(first.Address, new RecordingRemote(system, "shared/2", typeof(Counter)).Address);
    }

    [Fact]
    public async Task A_remote_process_needs_a_cluster_key_and_an_actor_class()
    {
        await using var system = new ActorSystem();

        Assert.Throws<ArgumentException>(() => new RecordingRemote(system, ""));
        Assert.Throws<ArgumentException>(() => new RecordingRemote(system, "remote/1", typeof(string)));
    }

    [Fact]
    public async Task An_actor_of_this_system_that_is_gone_answers_the_wire_as_dead()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        var deadLetters = new ConcurrentQueue<DeadLetter>();
        using IDisposable subscription = system.DeadLetters.Subscribe(deadLetters.Enqueue);
        ActorProcess gone = context.NoSuchActor(42, typeof(Moody));

        Assert.True(gone.IsDead);
        Assert.Equal(ExitReason.NoProcess, await gone.Completion.Within());
        gone.DeliverMessage(new Echo("lost"));
        var reply = new CapturedReply(new Echo("asked"));
        gone.DeliverAsk(reply, runHereWhenIdle: true);

        (byte[]? value, Exception? failure) = await reply.Settled.Within();
        Assert.Null(value);
        Assert.Equal(ExitReason.NoProcess, Assert.IsType<DeadActorException>(failure).Reason);
        Assert.Equal(new object[] { new Echo("lost"), new Echo("asked") }, deadLetters.Select(d => d.Message));
    }

    [Fact]
    public async Task A_request_from_the_wire_is_answered_through_its_wire_reply_before_the_delivery_returns_when_the_actor_is_idle()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        ActorProcess moody = context.Spawn<Moody>("moody/1");
        await moody.Address.Ask<string>(new Echo("started")).Within(); // started and idle

        var reply = new CapturedReply(new Echo("hi"));
        moody.DeliverAsk(reply, runHereWhenIdle: true);

        Assert.True(reply.Settled.IsCompleted);
        (byte[]? value, Exception? failure) = await reply.Settled;
        Assert.Null(failure);
        Assert.Equal(0, value![0]); // the transport's header, left for it to fill in
        Assert.Equal("hi", MessagePackSerializer.Deserialize<string>(value.AsMemory(CapturedReply.HeaderLength), Wire));
    }

    [Fact]
    public async Task A_request_from_the_wire_that_fails_settles_its_wire_reply_with_why()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        ActorProcess moody = context.Spawn<Moody>("moody/2");

        var thrown = new CapturedReply(new Boom("handler failed"));
        moody.DeliverAsk(thrown, runHereWhenIdle: false);
        Assert.Equal("handler failed", Assert.IsType<InvalidOperationException>((await thrown.Settled.Within()).Failure).Message);

        ActorProcess counter = context.Spawn<Counter>("counter/2");
        var unhandled = new CapturedReply(new Echo("nobody handles this"));
        counter.DeliverAsk(unhandled, runHereWhenIdle: false);
        Assert.IsType<UnhandledMessageException>((await unhandled.Settled.Within()).Failure);

        counter.Stop();
        await counter.Completion.Within();
        var dead = new CapturedReply(new GetCount());
        counter.DeliverAsk(dead, runHereWhenIdle: false);
        Assert.Equal(ExitReason.Normal, Assert.IsType<DeadActorException>((await dead.Settled.Within()).Failure).Reason);
    }

    [Fact]
    public async Task A_request_is_delivered_only_as_an_ask()
    {
        await using var system = new ActorSystem();
        RemotingContext context = system.AttachRemoting(new RecordingRemoting(system));
        ActorProcess counter = context.Spawn<Counter>("counter/3");

        Assert.Throws<ArgumentException>(() => counter.DeliverMessage(new CapturedReply(new GetCount())));
        Assert.Throws<ArgumentNullException>(() => counter.DeliverMessage(null!));
        Assert.Throws<ArgumentNullException>(() => counter.DeliverAsk(null!, runHereWhenIdle: false));
    }

    /// <summary>A transport's remoting: exports every local process under one key and resolves every key to one remote.</summary>
    private sealed class RecordingRemoting(ActorSystem system) : IActorRemoting
    {
        public ConcurrentQueue<ActorProcess> Exported { get; } = new();

        public ConcurrentQueue<(string Key, string? ActorTypeName)> Resolved { get; } = new();

        public RecordingRemote Remote { get; } = new(system, "resolved", typeof(Counter));

        public string Export(ActorProcess process)
        {
            Exported.Enqueue(process);
            return $"exported/{process.Id}";
        }

        public Address Resolve(string clusterKey, Type expectedType, string? actorTypeName)
        {
            Resolved.Enqueue((clusterKey, actorTypeName));
            return Remote.Address;
        }
    }

    /// <summary>A remote actor whose transport records what it is asked to send.</summary>
    private sealed class RecordingRemote(ActorSystem system, string clusterKey, Type? actorType = null, bool reactivates = false)
        : RemoteProcess(system, clusterKey, actorType ?? typeof(Moody))
    {
        private readonly Channel<RemoteAsk> _asks = Channel.CreateUnbounded<RemoteAsk>();
        private readonly TaskCompletionSource<(ActorProcess, ExitReason)> _firstDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _foundDeadCalls;

        public ConcurrentQueue<object> Told { get; } = new();

        public ChannelReader<RemoteAsk> Asks => _asks.Reader;

        public ConcurrentQueue<ActorProcess> Watchers { get; } = new();

        public ConcurrentQueue<ActorProcess> Linkers { get; } = new();

        public Task<(ActorProcess Who, ExitReason Reason)> FirstDown => _firstDown.Task;

        public int FoundDeadCalls => Volatile.Read(ref _foundDeadCalls);

        public bool FoundDead(ExitReason reason) => MarkDead(reason);

        public bool FoundLost() => MarkLost();

        protected override bool Reactivates => reactivates;

        public void ReportDead(ActorProcess linker, ExitReason reason) => ReportDeadOnLink(linker, reason);

        protected override void Tell(object message) => Told.Enqueue(message);

        protected override void Ask(RemoteAsk ask) => _asks.Writer.TryWrite(ask);

        protected override void OnDown(ActorProcess who, ExitReason reason) => _firstDown.TrySetResult((who, reason));

        protected override void OnFoundDead(ExitReason reason) => Interlocked.Increment(ref _foundDeadCalls);

        public override void Stop()
        {
        }

        public override void Kill(ExitReason reason)
        {
        }

        public override ExitReason? AddLink(ActorProcess other)
        {
            Linkers.Enqueue(other);
            return null;
        }

        public override void RemoveLink(ActorProcess other)
        {
        }

        public override ExitReason? AddWatcher(ActorProcess watcher)
        {
            Watchers.Enqueue(watcher);
            return null;
        }

        public override void RemoveWatcher(ActorProcess watcher)
        {
        }

        public override void OnExitSignal(ActorProcess from, ExitReason reason)
        {
        }
    }

    /// <summary>A transport's reply channel for a request read from the wire: keeps the outcome it is settled with.</summary>
    private sealed class CapturedReply(object message) : WireReply(message, Wire, HeaderLength)
    {
        public const int HeaderLength = 1;

        private readonly TaskCompletionSource<(byte[]? Value, Exception? Failure)> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(byte[]? Value, Exception? Failure)> Settled => _settled.Task;

        protected override void OnSettled(byte[]? value, Exception? failure) => _settled.TrySetResult((value, failure));
    }
}

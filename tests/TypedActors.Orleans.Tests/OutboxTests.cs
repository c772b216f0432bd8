using System.Collections.Concurrent;
using MessagePack;
using TypedActors.Orleans.Grains;
using TypedActors.Testing;

namespace TypedActors.Orleans.Tests;

/// <summary>The sender's side: numbering, sending alone when idle, coalescing into batches under load.</summary>
public sealed class OutboxTests
{
    private static readonly Guid Channel = Guid.NewGuid();

    [Fact]
    public async Task A_delivery_made_while_nothing_is_in_flight_is_sent_alone_and_numbered_from_one()
    {
        var grain = new RecordingGrain();
        var outbox = new Outbox(Channel, grain);

        Sent<byte[]> asked = outbox.Ask(Frame(7));
        grain.AnswerAsk(0, [0, 42]);
        byte[] answer = await asked.Result;
        asked.SentAlone!.CallCompleted();

        Assert.Equal(new byte[] { 0, 42 }, answer);
        (string call, byte[] payload) = Assert.Single(grain.Calls);
        Assert.Equal("Ask", call);
        Assert.Equal(new Sequence(Channel, 1), DeliveryFrame.ReadSequence(payload));
        Assert.Equal(new byte[] { 7 }, DeliveryFrame.Message(payload).ToArray());

        Sent<WireExitReason?> told = outbox.Tell(Frame(8)); // nothing in flight again: alone, number 2
        Assert.NotNull(told.SentAlone);
        Assert.Equal(new Sequence(Channel, 2), DeliveryFrame.ReadSequence(grain.Calls.Last().Payload));
    }

    [Fact]
    public async Task Deliveries_made_while_a_call_is_in_flight_leave_together_as_one_batch_in_order()
    {
        var grain = new RecordingGrain();
        var flushes = new List<Outbox>();
        var outbox = new Outbox(Channel, grain, flushes.Add); // flushed when the test says, not when the pool runs

        Sent<byte[]> first = outbox.Ask(Frame(1)); // in flight until answered
        Sent<WireExitReason?> second = outbox.Tell(Frame(2));
        Sent<byte[]> third = outbox.Ask(Frame(3));
        Assert.Null(second.SentAlone);
        Assert.Null(third.SentAlone);
        Assert.Single(flushes); // one flush for the whole queue

        flushes[0].Flush();
        byte[] batch = await grain.NextBatch.Task.Within();
        Assert.Equal(new Sequence(Channel, 2), DeliveryFrame.ReadSequence(batch));
        (DeliveryKind Kind, ReadOnlyMemory<byte> Message)[] deliveries = DeliveryBatch.Read(batch);
        Assert.Equal([DeliveryKind.Tell, DeliveryKind.Ask], deliveries.Select(d => d.Kind));
        Assert.Equal([2, 3], deliveries.Select(d => (int)d.Message.Span[0]));

        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([[], [0, 33]]));
        Assert.Null(await second.Result.AsTask().Within());
        Assert.Equal(new byte[] { 0, 33 }, await third.Result.AsTask().Within());
        Assert.False(first.Result.IsCompleted, "the call sent alone is still in flight");
    }

    [Fact]
    public void A_long_queue_leaves_in_several_batches_of_bounded_size_numbered_in_order()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        int queued = Outbox.MaxBatchDeliveries + 88;
        for (int i = 0; i < queued; i++)
        {
            _ = outbox.Tell(Frame(1));
        }

        flushes.Single().Flush();
        Assert.Equal(2, flushes.Count); // the rest of the queue is flushed next
        flushes[1].Flush();

        byte[][] batches = [.. grain.Calls.Where(c => c.Call == "Deliver").Select(c => c.Payload)];
        Assert.Equal(2, batches.Length);
        Assert.Equal(Outbox.MaxBatchDeliveries, DeliveryBatch.Count(batches[0]));
        Assert.Equal(88, DeliveryBatch.Count(batches[1]));
        Assert.Equal(2, DeliveryFrame.ReadSequence(batches[0]).Number);
        Assert.Equal(2 + Outbox.MaxBatchDeliveries, DeliveryFrame.ReadSequence(batches[1]).Number);
    }

    [Fact]
    public void A_batch_stops_growing_at_its_byte_limit_but_always_holds_one_delivery()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        _ = outbox.Tell(new byte[Outbox.MaxBatchBytes + 10]); // larger than a batch on its own
        _ = outbox.Tell(Frame(2));

        flushes[0].Flush();
        flushes[1].Flush();

        int[] counts = [.. grain.Calls.Where(c => c.Call == "Deliver").Select(c => DeliveryBatch.Count(c.Payload))];
        Assert.Equal([1, 1], counts);
    }

    [Fact]
    public async Task A_full_outbox_refuses_deliveries_at_once_until_its_batch_is_answered_and_never_refuses_a_signal()
    {
        var grain = new RecordingGrain();
        var flushes = new List<Outbox>();
        var outbox = new Outbox(Channel, grain, flushes.Add, capacity: 2);
        _ = outbox.Ask(Frame(1)); // alone, in flight: not held by the outbox

        Sent<WireExitReason?> first = outbox.Tell(Frame(2));
        Sent<byte[]> second = outbox.Ask(Frame(3));
        Sent<WireExitReason?> refused = outbox.Tell(Frame(4));
        Assert.True(refused.Result.IsFaulted);
        await Assert.ThrowsAsync<OutboxFullException>(() => refused.Result.AsTask());

        flushes[0].Flush(); // the two leave as a batch: still held until the other process answers
        await grain.NextBatch.Task.Within();
        Sent<byte[]> stillFull = outbox.Ask(Frame(5));
        await Assert.ThrowsAsync<OutboxFullException>(() => stillFull.Result.AsTask());
        _ = outbox.Signal(new ActorSignal(SignalKind.Stop, null, null, null, null));
        Assert.Equal("Signal 4", grain.Calls.Last().Call); // a signal is sent whatever the outbox holds

        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([[], [0, 7]]));
        Assert.Null(await first.Result.AsTask().Within());
        Assert.Equal(new byte[] { 0, 7 }, await second.Result.AsTask().Within());
        Sent<WireExitReason?> roomAgain = outbox.Tell(Frame(6));
        Assert.False(roomAgain.Result.IsFaulted);
    }

    [Fact]
    public void A_signal_sends_every_queued_batch_before_itself()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        for (int i = 0; i < Outbox.MaxBatchDeliveries + 1; i++)
        {
            _ = outbox.Tell(Frame(1));
        }

        _ = outbox.Signal(new ActorSignal(SignalKind.Kill, null, null, null, null));

        Assert.Equal(["Ask", "Deliver", "Deliver", $"Signal {Outbox.MaxBatchDeliveries + 3}"], grain.Calls.Select(c => c.Call));
    }

    [Fact]
    public async Task An_ask_of_a_batch_that_was_not_answered_on_the_spot_is_fetched_alone_and_holds_up_no_other()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight(); // number 1, alone
        Sent<byte[]> slow = outbox.Ask(Frame(2));  // number 2: its actor is busy
        Sent<byte[]> quick = outbox.Ask(Frame(3)); // number 3: answered on the spot

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([AskOutcome.PendingAs(77), [0, 3]]));

        Assert.Equal(new byte[] { 0, 3 }, await quick.Result.AsTask().Within());
        await Deadline.Until(() => grain.Answers.ContainsKey(77)); // fetched by the token; may run on the pool
        Assert.False(slow.Result.IsCompleted);

        grain.Answers[77].SetResult([0, 2]);
        Assert.Equal(new byte[] { 0, 2 }, await slow.Result.AsTask().Within());
    }

    [Fact]
    public async Task A_failed_fetch_of_an_answer_fails_that_ask_only()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<byte[]> slow = outbox.Ask(Frame(2));

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([AskOutcome.PendingAs(5)]));
        await Deadline.Until(() => grain.Answers.ContainsKey(5));
        grain.Answers[5].SetException(new TimeoutException("the silo is gone"));

        await Assert.ThrowsAsync<TimeoutException>(() => slow.Result.AsTask().Within());
    }

    [Fact]
    public async Task A_tell_in_a_batch_learns_that_the_actor_is_dead()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<WireExitReason?> told = outbox.Tell(Frame(2));

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([AskOutcome.Dead(ExitReason.Killed)]));

        WireExitReason? dead = await told.Result.AsTask().Within();
        Assert.Equal(ExitKind.Killed, dead!.ToReason().Kind);
    }

    [Fact]
    public async Task A_delivery_the_receiver_could_not_read_fails_alone_as_its_own_call_would_have()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<WireExitReason?> unreadable = outbox.Tell(Frame(2));
        Sent<WireExitReason?> fine = outbox.Tell(Frame(3));

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        byte[] undelivered = AskOutcome.Failed(FailureKind.Undelivered, null, "MessagePack.MessagePackSerializationException", "The message type X is not known in this process.", null);
        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([undelivered, []]));

        var error = await Assert.ThrowsAsync<MessagePackSerializationException>(() => unreadable.Result.AsTask().Within());
        Assert.Contains("is not known in this process", error.Message);
        Assert.Null(await fine.Result.AsTask().Within());
    }

    [Fact]
    public async Task A_failed_batch_call_fails_every_delivery_in_it()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<WireExitReason?> told = outbox.Tell(Frame(2));
        Sent<byte[]> asked = outbox.Ask(Frame(3));

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        grain.FailBatch(new TimeoutException("no answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => told.Result.AsTask().Within());
        await Assert.ThrowsAsync<TimeoutException>(() => asked.Result.AsTask().Within());
    }

    [Fact]
    public async Task An_answer_that_does_not_match_the_batch_fails_its_deliveries_with_a_clear_error()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<byte[]> asked = outbox.Ask(Frame(2));

        flushes.Single().Flush();
        await grain.NextBatch.Task.Within();
        grain.AnswerBatch(DeliveryBatch.WriteOutcomes([[0, 1], [0, 2]])); // two outcomes for one delivery

        var error = await Assert.ThrowsAsync<MessagePackSerializationException>(() => asked.Result.AsTask().Within());
        Assert.Contains("does not hold 1 outcomes", error.Message);
    }

    [Fact]
    public void A_signal_sends_what_is_queued_first_so_it_never_overtakes_earlier_messages()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight(); // number 1, alone
        _ = outbox.Tell(Frame(2));    // queued: number 2

        _ = outbox.Signal(new ActorSignal(SignalKind.Stop, null, null, null, null));

        Assert.Collection(
            grain.Calls,
            call => Assert.Equal("Ask", call.Call),
            call =>
            {
                Assert.Equal("Deliver", call.Call);
                Assert.Equal(new Sequence(Channel, 2), DeliveryFrame.ReadSequence(call.Payload));
            },
            call => Assert.Equal("Signal 3", call.Call));
        flushes.Single().Flush(); // the flush scheduled for the queue finds it sent and sends nothing more
        Assert.Equal(3, grain.Calls.Count);
    }

    [Fact]
    public void A_call_that_throws_while_sending_leaves_the_outbox_idle()
    {
        var grain = new RecordingGrain { ThrowOnSend = true };
        var outbox = new Outbox(Channel, grain);

        Sent<byte[]> asked = outbox.Ask(Frame(1));

        Assert.True(asked.Result.IsFaulted);
        Assert.Null(asked.SentAlone);
        grain.ThrowOnSend = false;
        Assert.NotNull(outbox.Tell(Frame(2)).SentAlone); // not queued behind a call that never left
    }

    /// <summary>An outbox flushed only when the test says, with one ask (number 1) in flight, so what follows queues.</summary>
    [Fact]
    public async Task An_abandoned_outbox_fails_what_it_still_queues_and_sends_none_of_it()
    {
        (RecordingGrain grain, List<Outbox> flushes, Outbox outbox) = WithACallInFlight();
        Sent<WireExitReason?> told = outbox.Tell(Frame(2));
        Sent<byte[]> asked = outbox.Ask(Frame(3));

        var dead = new InvalidOperationException("the actor is dead");
        outbox.Abandon(dead);
        flushes.Single().Flush(); // the flush scheduled for them finds nothing

        Assert.Same(dead, await Assert.ThrowsAsync<InvalidOperationException>(() => told.Result.AsTask().Within()));
        Assert.Same(dead, await Assert.ThrowsAsync<InvalidOperationException>(() => asked.Result.AsTask().Within()));
        Assert.DoesNotContain(grain.Calls, call => call.Call == "Deliver");
    }

    private static (RecordingGrain Grain, List<Outbox> Flushes, Outbox Outbox) WithACallInFlight()
    {
        var grain = new RecordingGrain();
        var flushes = new List<Outbox>();
        var outbox = new Outbox(Channel, grain, flushes.Add);
        _ = outbox.Ask(Frame(1));
        return (grain, flushes, outbox);
    }

    private static byte[] Frame(byte message)
    {
        byte[] frame = new byte[DeliveryFrame.HeaderLength + 1];
        frame[^1] = message;
        return frame;
    }

    /// <summary>An actor grain that records what is sent to it and answers when the test says so.</summary>
    private sealed class RecordingGrain : IActorGrain
    {
        private readonly ConcurrentQueue<TaskCompletionSource<byte[]>> _asks = new();
        private TaskCompletionSource<byte[]>? _batch;

        public List<(string Call, byte[] Payload)> Calls { get; } = [];

        public TaskCompletionSource<byte[]> NextBatch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool ThrowOnSend { get; set; }

        public ConcurrentDictionary<long, TaskCompletionSource<byte[]>> Answers { get; } = [];

        public void AnswerAsk(int index, byte[] outcome) => _asks.ElementAt(index).SetResult(outcome);

        public void AnswerBatch(byte[] outcomes) => _batch!.SetResult(outcomes);

        public void FailBatch(Exception exception) => _batch!.SetException(exception);

        public Task<SignalResult> Init(string kind, bool mayExist) => throw new NotSupportedException();

        public ValueTask<WireExitReason?> Tell(byte[] frame)
        {
            Record("Tell", frame);
            return new((WireExitReason?)null);
        }

        public ValueTask<byte[]> Ask(byte[] frame)
        {
            Record("Ask", frame);
            var answer = new TaskCompletionSource<byte[]>();
            _asks.Enqueue(answer);
            return new(answer.Task);
        }

        public ValueTask<byte[]> Deliver(byte[] batch)
        {
            Record("Deliver", batch);
            _batch = new TaskCompletionSource<byte[]>();
            NextBatch.TrySetResult(batch);
            return new(_batch.Task);
        }

        public ValueTask<byte[]> Answer(long token)
        {
            Record($"Answer {token}", []);
            var answer = new TaskCompletionSource<byte[]>();
            Answers[token] = answer;
            return new(answer.Task);
        }

        public Task<SignalResult> Signal(ActorSignal signal, Sequence sequence)
        {
            Record($"Signal {sequence.Number}", []);
            return Task.FromResult(new SignalResult(null, null));
        }

        private void Record(string call, byte[] payload)
        {
            if (ThrowOnSend)
            {
                throw new InvalidOperationException("the connection is gone");
            }

            lock (Calls)
            {
                Calls.Add((call, payload));
            }
        }
    }
}

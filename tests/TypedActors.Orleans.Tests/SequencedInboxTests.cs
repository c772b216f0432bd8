using MessagePack;
using Microsoft.Extensions.Time.Testing;
using TypedActors.Orleans.Grains;
using TypedActors.Testing;

namespace TypedActors.Orleans.Tests;

/// <summary>The inbox that restores per-sender order when Orleans delivers calls out of order.</summary>
public sealed class SequencedInboxTests
{
    private static readonly Guid Sender = Guid.NewGuid();

    private static Sequence At(long number, Guid? channel = null) => new(channel ?? Sender, number);

    [Fact]
    public async Task Deliveries_in_order_run_at_once_and_complete_synchronously()
    {
        var inbox = new SequencedInbox();
        var delivered = new List<int>();

        ValueTask<int> first = inbox.Run(At(1), 1, n => { delivered.Add(n); return n * 10; });
        ValueTask<int> second = inbox.Run(At(2), 2, n => { delivered.Add(n); return n * 10; });

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(10, await first);
        Assert.Equal(20, await second);
        Assert.Equal([1, 2], delivered);
    }

    [Fact]
    public async Task Early_deliveries_wait_for_the_ones_before_them_and_then_run_in_send_order()
    {
        var inbox = new SequencedInbox();
        var delivered = new List<int>();
        Func<int, int> deliver = n => { delivered.Add(n); return n; };

        Assert.False(inbox.HasParked);
        ValueTask<int> third = inbox.Run(At(3), 3, deliver);
        ValueTask<int> second = inbox.Run(At(2), 2, deliver);
        Assert.Empty(delivered);
        Assert.True(inbox.HasParked); // they wait here, where the actor cannot see them
        Assert.False(third.IsCompleted);
        Assert.False(second.IsCompleted);

        ValueTask<int> first = inbox.Run(At(1), 1, deliver);

        Assert.Equal([1, 2, 3], delivered);
        Assert.False(inbox.HasParked);
        Assert.Equal(1, await first);
        Assert.Equal(2, await second.AsTask().Within());
        Assert.Equal(3, await third.AsTask().Within());
    }

    [Fact]
    public void A_parked_call_completes_on_the_thread_that_filled_the_gap_once_the_inbox_has_moved_on()
    {
        var inbox = new SequencedInbox();
        ValueTask<int> second = inbox.Run(At(2), 2, n => n);
        bool reenteredInOrder = false;

        // Orleans may resume a completed call right where it completes: that code must be able to use the inbox.
        Task resumed = second.AsTask().ContinueWith(
            _ => reenteredInOrder = inbox.Run(At(3), 3, n => n).IsCompletedSuccessfully,
            TaskContinuationOptions.ExecuteSynchronously);
        _ = inbox.Run(At(1), 1, n => n);

        Assert.True(resumed.IsCompleted, "the parked call's continuation ran on the thread that filled the gap");
        Assert.True(reenteredInOrder);
    }

    [Fact]
    public async Task Senders_are_sequenced_independently()
    {
        var inbox = new SequencedInbox();
        var other = Guid.NewGuid();
        var delivered = new List<string>();

        ValueTask<int> early = inbox.Run(At(2), 0, _ => { delivered.Add("a2"); return 0; });
        ValueTask<int> fromOther = inbox.Run(At(1, other), 0, _ => { delivered.Add("b1"); return 0; });
        Assert.True(fromOther.IsCompletedSuccessfully);

        _ = inbox.Run(At(1), 0, _ => { delivered.Add("a1"); return 0; });
        await early.AsTask().Within();

        Assert.Equal(["b1", "a1", "a2"], delivered);
    }

    [Fact]
    public async Task A_failing_delivery_fails_its_own_call_only()
    {
        var inbox = new SequencedInbox();
        ValueTask<int> second = inbox.Run(At(2), 2, n => n);
        ValueTask<int> first = inbox.Run<int, int>(At(1), 1, _ => throw new InvalidOperationException("handler failed"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.AsTask());
        Assert.Equal(2, await second.AsTask().Within());

        ValueTask<int> parkedFailure = inbox.Run<int, int>(At(4), 4, _ => throw new ArgumentException("parked failure"));
        _ = inbox.Run(At(3), 3, n => n);
        await Assert.ThrowsAsync<ArgumentException>(() => parkedFailure.AsTask().Within());
    }

    [Fact]
    public async Task An_early_asynchronous_delivery_completes_with_the_task_it_started()
    {
        var inbox = new SequencedInbox();
        var answer = new TaskCompletionSource<string>();

        ValueTask<string> second = inbox.RunAsync(At(2), answer, a => new ValueTask<string>(a.Task));
        _ = inbox.RunAsync(At(1), "first", s => new ValueTask<string>(s));
        Assert.False(second.IsCompleted); // delivered, but its handler has not answered yet

        answer.SetResult("second");
        Assert.Equal("second", await second.AsTask().Within());
    }

    [Fact]
    public void A_gap_that_never_fills_is_skipped_after_the_gap_timeout()
    {
        var time = new FakeTimeProvider();
        var inbox = new SequencedInbox(time);
        var delivered = new List<int>();
        Func<int, int> deliver = n => { delivered.Add(n); return n; };

        ValueTask<int> third = inbox.Run(At(3), 3, deliver);
        ValueTask<int> fourth = inbox.Run(At(4), 4, deliver);
        time.Advance(SequencedInbox.GapTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(delivered);

        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(third.IsCompletedSuccessfully);
        Assert.True(fourth.IsCompletedSuccessfully);
        Assert.Equal([3, 4], delivered);

        // The lost call arrives after all: later than its successors, but never dropped.
        ValueTask<int> late = inbox.Run(At(2), 2, deliver);
        Assert.True(late.IsCompletedSuccessfully);
        Assert.Equal([3, 4, 2], delivered);
    }

    [Fact]
    public void A_gap_is_timed_from_the_last_progress_not_from_the_first_early_delivery()
    {
        var time = new FakeTimeProvider();
        var inbox = new SequencedInbox(time);
        var delivered = new List<int>();
        Func<int, int> deliver = n => { delivered.Add(n); return n; };

        _ = inbox.Run(At(3), 3, deliver);                      // waits for 1 and 2
        time.Advance(TimeSpan.FromMilliseconds(200));
        _ = inbox.Run(At(1), 1, deliver);                      // progress: now waits for 2, afresh
        time.Advance(TimeSpan.FromMilliseconds(100));          // 300 ms after 3 arrived, 100 ms after the progress
        Assert.Equal([1], delivered);

        _ = inbox.Run(At(2), 2, deliver);
        Assert.Equal([1, 2, 3], delivered);
    }

    [Fact]
    public void A_gap_is_skipped_only_for_its_own_sender_and_again_for_a_later_gap()
    {
        var time = new FakeTimeProvider();
        var inbox = new SequencedInbox(time);
        var other = Guid.NewGuid();
        var delivered = new List<string>();

        ValueTask<int> mine = inbox.Run(At(2), 0, _ => { delivered.Add("a2"); return 0; });
        ValueTask<int> theirs = inbox.Run(At(1, other), 0, _ => { delivered.Add("b1"); return 0; });
        time.Advance(SequencedInbox.GapTimeout);
        Assert.True(mine.IsCompletedSuccessfully);
        Assert.Equal(["b1", "a2"], delivered);

        // The channel waits again after moving on: a second gap is skipped in its turn, with the same timer.
        ValueTask<int> later = inbox.Run(At(4), 0, _ => { delivered.Add("a4"); return 0; });
        ValueTask<int> otherLater = inbox.Run(At(2, other), 0, _ => { delivered.Add("b2"); return 0; });
        Assert.True(otherLater.IsCompletedSuccessfully);
        time.Advance(SequencedInbox.GapTimeout);
        Assert.True(later.IsCompletedSuccessfully);
        Assert.Equal(["b1", "a2", "b2", "a4"], delivered);
        Assert.True(theirs.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_batch_takes_as_many_numbers_as_it_holds_deliveries()
    {
        var inbox = new SequencedInbox();
        var delivered = new List<string>();

        ValueTask<int> after = inbox.Run(At(4), 0, _ => { delivered.Add("4"); return 0; });
        _ = inbox.Run(At(1), count: 3, 0, _ => { delivered.Add("1..3"); return 0; });

        Assert.True(after.IsCompletedSuccessfully);
        Assert.Equal(["1..3", "4"], delivered);
    }

    [Fact]
    public async Task A_number_already_waiting_runs_at_once_and_both_calls_complete()
    {
        var inbox = new SequencedInbox();
        var delivered = new List<string>();

        ValueTask<int> waiting = inbox.Run(At(2), 0, _ => { delivered.Add("first 2"); return 1; });
        ValueTask<int> again = inbox.Run(At(2), 0, _ => { delivered.Add("second 2"); return 2; });
        Assert.True(again.IsCompletedSuccessfully, "a second delivery with a waiting number must not replace the first");

        _ = inbox.Run(At(1), 0, _ => { delivered.Add("1"); return 0; });

        Assert.Equal(1, await waiting.AsTask().Within());
        Assert.Equal(2, await again);
        Assert.Equal(["second 2", "1", "first 2"], delivered);
    }

    [Fact]
    public void A_delivery_frame_carries_its_sequence_in_front_of_the_message()
    {
        byte[] frame = new byte[DeliveryFrame.HeaderLength + 3];
        frame[^3] = 1;
        frame[^2] = 2;
        frame[^1] = 3;
        var sequence = new Sequence(Guid.NewGuid(), long.MaxValue - 7);

        DeliveryFrame.WriteSequence(frame, sequence);

        Assert.Equal(sequence, DeliveryFrame.ReadSequence(frame));
        Assert.Equal(new byte[] { 1, 2, 3 }, DeliveryFrame.Message(frame).ToArray());
    }

    [Fact]
    public void A_frame_too_short_for_its_header_is_rejected_with_a_clear_error()
    {
        var error = Assert.Throws<MessagePackSerializationException>(() => DeliveryFrame.ReadSequence(new byte[5]));
        Assert.Contains("shorter than its 24-byte header", error.Message);
    }
}

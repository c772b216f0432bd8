using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// Restores the send order of deliveries to one actor, per sending process. Orleans does not promise that calls from
/// one caller arrive in the order they were made: between two silos it round-robins messages over every connection it
/// holds to the other silo (the one each side opened), so with many calls in flight about half arrive ahead of a
/// predecessor; and a client's first calls through a fresh gateway connection were seen to arrive reversed. Each
/// delivery therefore carries its sender's channel and a sequence number, and a delivery that arrives early waits here
/// for the ones before it. A gap that does not fill within <see cref="GapTimeout"/> (a call lost with its connection,
/// which its sender reported as a dead letter, or numbering that began with an earlier incarnation of a named actor)
/// is skipped, so one lost call never blocks an actor.
/// </summary>
/// <remarks>
/// A delivery in order runs at once on the calling thread and its own task is returned: nothing is allocated beyond
/// the caller's state. An early delivery is parked as one object that is also its call's completion source. When its
/// turn comes it is delivered under the inbox lock, on the thread of the call that filled the gap, so deliveries
/// reach the actor strictly in order; its call is completed only after the lock is released, with synchronous
/// continuations: Orleans resumes the parked call right there (it is on the same activation) instead of after a hop
/// through the thread pool, and nothing Orleans runs can re-enter the inbox while it is locked.
/// </remarks>
internal sealed class SequencedInbox
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<Guid, Channel> _channels = [];

    // One timer per inbox, made on the first early delivery and re-armed only while a gap is open: a gap costs no
    // allocation, which matters because with many calls in flight most of them arrive early.
    private readonly TimeProvider _time;
    private ITimer? _gapTimer;
    private bool _gapTimerArmed;

    /// <param name="time">The clock of gap timeouts (the actor system's).</param>
    public SequencedInbox(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>
    /// True while a delivery waits here for an earlier one from its sender (behind a gap, up to <see cref="GapTimeout"/>):
    /// it has reached the grain but not yet the actor, so the actor's own state does not show it.
    /// </summary>
    public bool HasParked
    {
        get
        {
            lock (_channels)
            {
                foreach (Channel channel in _channels.Values)
                {
                    if (channel.HasEarly)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    private sealed class Channel
    {
        public long Next = 1;
        public Dictionary<long, IParkedDelivery>? Early;

        /// <summary>When the channel began waiting for <see cref="Next"/> (a timestamp of the inbox's clock).</summary>
        public long WaitingSince;

        public bool HasEarly => Early is { Count: > 0 };
    }

    /// <summary>Runs <paramref name="deliver"/> in sequence and returns its result (or its exception).</summary>
    public ValueTask<T> Run<TState, T>(Sequence sequence, TState state, Func<TState, T> deliver) =>
        Run(sequence, 1, state, deliver);

    /// <summary>
    /// Runs <paramref name="deliver"/>, which delivers <paramref name="count"/> deliveries numbered from
    /// <paramref name="sequence"/> on (a batch), in sequence; returns its result (or its exception).
    /// </summary>
    public ValueTask<T> Run<TState, T>(Sequence sequence, int count, TState state, Func<TState, T> deliver) =>
        RunCore(sequence, count, (state, deliver), static s => new ValueTask<T>(s.deliver(s.state)));

    /// <summary>Starts <paramref name="deliver"/> in sequence and returns the task it starts (or its exception).</summary>
    public ValueTask<T> RunAsync<TState, T>(Sequence sequence, TState state, Func<TState, ValueTask<T>> deliver) =>
        RunCore(sequence, 1, state, deliver);

    private ValueTask<T> RunCore<TState, T>(Sequence sequence, int count, TState state, Func<TState, ValueTask<T>> deliver)
    {
        IParkedDelivery? ready;
        ValueTask<T> result;
        lock (_channels)
        {
            Channel channel = ChannelOf(sequence.Channel);
            if (sequence.Number > channel.Next && channel.Early?.ContainsKey(sequence.Number) != true)
            {
                var parked = new ParkedDelivery<TState, T>(count, state, deliver);
                if (!channel.HasEarly)
                {
                    channel.WaitingSince = _time.GetTimestamp();
                }

                (channel.Early ??= [])[sequence.Number] = parked;
                ArmGapTimer();
                return new(parked.Task);
            }

            // In order; or late (its gap was skipped), or a number already waiting (a sender that started numbering
            // afresh): those run at once, later than their successors but never dropped, and move nothing.
            result = Start(deliver, state);
            ready = sequence.Number == channel.Next ? Advance(channel, count) : null;
        }

        CompleteAll(ready);
        return result;
    }

    private Channel ChannelOf(Guid name)
    {
        if (!_channels.TryGetValue(name, out Channel? channel))
        {
            channel = new Channel();
            _channels.Add(name, channel);
        }

        return channel;
    }

    /// <summary>
    /// After the delivery the channel waited for ran: moves past it and delivers the parked ones it unblocked,
    /// returning them (chained) for completion outside the lock.
    /// </summary>
    private IParkedDelivery? Advance(Channel channel, int count)
    {
        channel.Next += count;
        return DeliverReady(channel);
    }

    private IParkedDelivery? DeliverReady(Channel channel)
    {
        IParkedDelivery? first = null;
        IParkedDelivery? last = null;
        while (channel.HasEarly && channel.Early!.Remove(channel.Next, out IParkedDelivery? parked))
        {
            parked.Deliver();
            channel.Next += parked.Count;
            if (last is null)
            {
                first = parked;
            }
            else
            {
                last.NextReady = parked;
            }

            last = parked;
        }

        if (channel.HasEarly)
        {
            channel.WaitingSince = _time.GetTimestamp(); // moved on (this runs after every advance): a new gap's wait starts
        }

        return first;
    }

    private static ValueTask<T> Start<TState, T>(Func<TState, ValueTask<T>> deliver, TState state)
    {
        try
        {
            return deliver(state);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<T>(exception);
        }
    }

    /// <summary>Arms the gap timer unless it is armed (under the lock).</summary>
    private void ArmGapTimer(TimeSpan? due = null)
    {
        if (_gapTimerArmed)
        {
            return;
        }

        _gapTimerArmed = true;
        _gapTimer ??= _time.CreateTimer(static inbox => ((SequencedInbox)inbox!).SkipStuckGaps(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _gapTimer.Change(due ?? GapTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Skips every gap that has been open for <see cref="GapTimeout"/>; re-arms for those still younger.</summary>
    private void SkipStuckGaps()
    {
        List<IParkedDelivery>? ready = null;
        lock (_channels)
        {
            _gapTimerArmed = false;
            TimeSpan nextDue = TimeSpan.MaxValue;
            foreach (Channel channel in _channels.Values)
            {
                if (!channel.HasEarly)
                {
                    continue;
                }

                if (_time.GetElapsedTime(channel.WaitingSince) >= GapTimeout)
                {
                    channel.Next = channel.Early!.Keys.Min();
                    if (DeliverReady(channel) is { } unblocked)
                    {
                        (ready ??= []).Add(unblocked);
                    }
                }

                if (channel.HasEarly)
                {
                    TimeSpan left = GapTimeout - _time.GetElapsedTime(channel.WaitingSince);
                    nextDue = TimeSpan.FromTicks(Math.Min(nextDue.Ticks, Math.Max(TimeSpan.TicksPerMillisecond, left.Ticks)));
                }
            }

            if (nextDue != TimeSpan.MaxValue)
            {
                ArmGapTimer(nextDue);
            }
        }

        foreach (IParkedDelivery chain in ready ?? [])
        {
            CompleteAll(chain);
        }
    }

    /// <summary>A delivery that arrived early: delivered in its turn (under the lock), completed after it.</summary>
    private interface IParkedDelivery
    {
        IParkedDelivery? NextReady { get; set; }

        /// <summary>How many numbers the delivery takes: more than one for a batch.</summary>
        int Count { get; }

        void Deliver();

        void Complete();
    }

    private static void CompleteAll(IParkedDelivery? ready)
    {
        while (ready is not null)
        {
            IParkedDelivery? next = ready.NextReady;
            ready.NextReady = null;
            ready.Complete();
            ready = next;
        }
    }

    private static void SetFrom<T>(TaskCompletionSource<T> done, ValueTask<T> outcome)
    {
        if (outcome.IsCompletedSuccessfully)
        {
            done.SetResult(outcome.Result);
            return;
        }

        Task<T> failed = outcome.AsTask();
        if (failed.IsCanceled)
        {
            done.SetCanceled();
        }
        else
        {
            done.SetException(failed.Exception!.InnerExceptions);
        }
    }

    /// <summary>A parked delivery: its call's completion source, completed when the task it started does.</summary>
    private sealed class ParkedDelivery<TState, T>(int count, TState state, Func<TState, ValueTask<T>> deliver) : TaskCompletionSource<T>, IParkedDelivery
    {
        private ValueTask<T> _started;

        public IParkedDelivery? NextReady { get; set; }

        public int Count => count;

        public void Deliver() => _started = Start(deliver, state);

        public void Complete()
        {
            if (_started.IsCompleted)
            {
                SetFrom(this, _started);
                return;
            }

            _started.AsTask().ContinueWith(
                static (started, done) => SetFrom((ParkedDelivery<TState, T>)done!, new ValueTask<T>(started)),
                this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}

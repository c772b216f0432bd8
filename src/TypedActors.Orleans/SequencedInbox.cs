using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// Restores the send order of deliveries to one actor, per sending process. Orleans does not promise that calls from
/// one caller arrive in the order they were made (a client's first calls through a fresh gateway connection were seen
/// to arrive reversed), so each delivery carries its sender's channel and a sequence number, and a delivery that
/// arrives early waits here for the ones before it. A gap that does not fill within <see cref="GapTimeout"/> (a call
/// lost with its connection, which its sender reported as a dead letter, or numbering that began with an earlier
/// incarnation of a named actor) is skipped, so one lost call never blocks an actor.
/// </summary>
/// <remarks>
/// Almost every delivery arrives in order: it runs at once on the calling thread and its own task is returned, with
/// no allocation beyond the caller's state. Only an early delivery is parked (with a closure and a completion source).
/// </remarks>
internal sealed class SequencedInbox
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<Guid, Channel> _channels = [];

    private sealed class Channel
    {
        public long Next = 1;
        public SortedDictionary<long, Action>? Early;
        public bool GapTimerArmed;

        public bool HasEarly => Early is { Count: > 0 };
    }

    /// <summary>Runs <paramref name="deliver"/> in sequence and returns its result (or its exception).</summary>
    public Task<T> Run<TState, T>(Sequence sequence, TState state, Func<TState, T> deliver)
    {
        lock (_channels)
        {
            Channel channel = ChannelOf(sequence.Channel);
            if (sequence.Number == channel.Next)
            {
                Task<T> result = Invoke(deliver, state);
                channel.Next++;
                RunReady(channel);
                return result;
            }
        }

        // Continuations run asynchronously: the delivery completes under the lock, and on a client Orleans continues an
        // observer call inline, which could reach this inbox again.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(sequence, () =>
        {
            try
            {
                done.TrySetResult(deliver(state));
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        });
        return done.Task;
    }

    /// <summary>Starts <paramref name="deliver"/> in sequence and returns the task it starts.</summary>
    public Task<T> RunAsync<TState, T>(Sequence sequence, TState state, Func<TState, Task<T>> deliver)
    {
        Task<Task<T>> started = Run(sequence, state, deliver);
        return started.IsCompletedSuccessfully ? started.Result : started.Unwrap();
    }

    /// <summary>Runs <paramref name="deliver"/> once every earlier delivery of its channel has run (or was skipped).</summary>
    public void Enqueue(Sequence sequence, Action deliver)
    {
        lock (_channels)
        {
            Channel channel = ChannelOf(sequence.Channel);
            if (sequence.Number < channel.Next)
            {
                deliver(); // arrived after its gap was skipped: later than its successors, but never dropped
                return;
            }

            if (sequence.Number > channel.Next)
            {
                (channel.Early ??= [])[sequence.Number] = deliver;
                ArmGapTimer(channel);
                return;
            }

            deliver();
            channel.Next++;
            RunReady(channel);
        }
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

    private static Task<T> Invoke<TState, T>(Func<TState, T> deliver, TState state)
    {
        try
        {
            return Task.FromResult(deliver(state));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    private static void RunReady(Channel channel)
    {
        while (channel.HasEarly && channel.Early!.Remove(channel.Next, out Action? ready))
        {
            ready();
            channel.Next++;
        }
    }

    private void ArmGapTimer(Channel channel)
    {
        if (channel.GapTimerArmed)
        {
            return;
        }

        channel.GapTimerArmed = true;
        long waitingFor = channel.Next;
        _ = Task.Delay(GapTimeout).ContinueWith(
            _ =>
            {
                lock (_channels)
                {
                    channel.GapTimerArmed = false;
                    if (channel.Next == waitingFor && channel.HasEarly)
                    {
                        channel.Next = channel.Early!.Keys.First();
                        RunReady(channel);
                    }

                    if (channel.HasEarly)
                    {
                        ArmGapTimer(channel);
                    }
                }
            },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}

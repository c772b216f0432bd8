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
internal sealed class SequencedInbox
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, Channel> _channels = new(StringComparer.Ordinal);

    private sealed class Channel
    {
        public long Next = 1;
        public readonly SortedDictionary<long, Action> Early = [];
        public bool GapTimerArmed;
    }

    /// <summary>Runs <paramref name="deliver"/> in sequence and returns its result (or its exception).</summary>
    public Task<T> Run<T>(Sequence sequence, Func<T> deliver)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(sequence, () =>
        {
            try
            {
                done.TrySetResult(deliver());
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="deliver"/> once every earlier delivery of its channel has run (or was skipped).</summary>
    public void Enqueue(Sequence sequence, Action deliver)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(sequence.Channel, out Channel? channel))
            {
                channel = new Channel();
                _channels.Add(sequence.Channel, channel);
            }

            if (sequence.Number < channel.Next)
            {
                deliver(); // arrived after its gap was skipped: later than its successors, but never dropped
                return;
            }

            if (sequence.Number > channel.Next)
            {
                channel.Early[sequence.Number] = deliver;
                ArmGapTimer(sequence.Channel, channel);
                return;
            }

            deliver();
            channel.Next++;
            RunReady(channel);
        }
    }

    private static void RunReady(Channel channel)
    {
        while (channel.Early.Remove(channel.Next, out Action? ready))
        {
            ready();
            channel.Next++;
        }
    }

    private void ArmGapTimer(string name, Channel channel)
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
                    if (channel.Next == waitingFor && channel.Early.Count > 0)
                    {
                        channel.Next = channel.Early.Keys.First();
                        RunReady(channel);
                    }

                    if (channel.Early.Count > 0)
                    {
                        ArmGapTimer(name, channel);
                    }
                }
            },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}

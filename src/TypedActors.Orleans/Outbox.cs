using MessagePack;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>A delivery's call: its result, and the outbox to tell when a call sent on its own has completed.</summary>
internal readonly record struct Sent<T>(ValueTask<T> Result, Outbox? SentAlone);

/// <summary>
/// This process's deliveries to one remote actor, numbered in the order they are made (see <see cref="SequencedInbox"/>)
/// and coalesced under load. A tell or ask made while none of the outbox's calls is in flight is sent at once as a
/// call of its own, so a lone ask pays nothing for the queue. One made while a call is in flight is queued, and the
/// queue leaves as one call (a <see cref="DeliveryBatch"/>) from the thread pool: under load many deliveries share one
/// Orleans message, and being one call they cannot arrive out of order (Orleans spreads separate calls over the
/// connections between two silos, so concurrent calls often do).
/// </summary>
/// <remarks>
/// The outbox is bounded: at most <c>capacity</c> deliveries wait in its queue or travel in batches not yet answered.
/// A tell or ask beyond that fails with <see cref="OutboxFullException"/> at once (the process makes it a
/// <see cref="DeadLetterReason.MailboxFull"/> dead letter, or a <see cref="MailboxFullException"/>), so an actor in a
/// stalled process cannot grow this one's memory without limit. Signals are never refused.
/// </remarks>
internal sealed class Outbox
{
    private readonly Guid _channel;
    private readonly IActorGrain? _grain;
    private readonly IActorNode? _endpoint;
    private readonly long _localId;
    private readonly Action<Outbox> _scheduleFlush;
    private readonly object _gate = new();
    private long _lastSequence;
    private int _inFlight;
    private List<IQueuedDelivery>? _queued;
    private bool _flushScheduled;
    private readonly int _capacity;
    private int _held; // deliveries queued or in batches not yet answered

    /// <summary>At most this many deliveries leave in one batch; more leave in the batches after it.</summary>
    public const int MaxBatchDeliveries = 512;

    /// <summary>A batch stops growing past this many bytes of messages (it holds at least one delivery).</summary>
    public const int MaxBatchBytes = 1 << 20;

    /// <summary>An outbox to an actor hosted by a grain.</summary>
    /// <param name="channel">This process's channel id.</param>
    /// <param name="grain">The actor's grain.</param>
    /// <param name="scheduleFlush">Runs <see cref="Flush"/> soon; by default on the thread pool.</param>
    /// <param name="capacity">The most deliveries queued or in unanswered batches (see the remarks).</param>
    public Outbox(Guid channel, IActorGrain grain, Action<Outbox>? scheduleFlush = null, int capacity = ClusterActorsOptions.DefaultMaxOutboxDeliveries)
    {
        _channel = channel;
        _grain = grain;
        _scheduleFlush = scheduleFlush ?? s_flushOnThreadPool;
        _capacity = capacity;
    }

    /// <summary>An outbox to an actor served by its process's node endpoint.</summary>
    public Outbox(Guid channel, IActorNode endpoint, long localId, int capacity)
    {
        _channel = channel;
        _endpoint = endpoint;
        _localId = localId;
        _scheduleFlush = s_flushOnThreadPool;
        _capacity = capacity;
    }

    private static readonly Action<Outbox> s_flushOnThreadPool =
        static outbox => ThreadPool.UnsafeQueueUserWorkItem(static outbox => outbox.Flush(), outbox, preferLocal: false);

    /// <summary>Sends a tell; <paramref name="frame"/> was serialized after a <see cref="DeliveryFrame"/> header.</summary>
    public Sent<WireExitReason?> Tell(byte[] frame) =>
        Send(frame, static frame => new QueuedTell(frame), static (outbox, frame) =>
            outbox._grain is not null ? outbox._grain.Tell(frame) : outbox._endpoint!.Tell(outbox._localId, frame));

    /// <summary>Sends an ask; <paramref name="frame"/> was serialized after a <see cref="DeliveryFrame"/> header.</summary>
    public Sent<byte[]> Ask(byte[] frame) =>
        Send(frame, static frame => new QueuedAsk(frame), static (outbox, frame) =>
            outbox._grain is not null ? outbox._grain.Ask(frame) : outbox._endpoint!.Ask(outbox._localId, frame));

    /// <summary>Sends a delivery at once as its own call (<paramref name="call"/>) when nothing is in flight; queues it otherwise.</summary>
    private Sent<T> Send<T, TQueued>(byte[] frame, Func<byte[], TQueued> queue, Func<Outbox, byte[], ValueTask<T>> call)
        where TQueued : TaskCompletionSource<T>, IQueuedDelivery
    {
        long number;
        lock (_gate)
        {
            if (!SendsAtOnce())
            {
                if (_held >= _capacity)
                {
                    return new(ValueTask.FromException<T>(new OutboxFullException()), null);
                }

                TQueued queued = queue(frame);
                Enqueue(queued);
                return new(new ValueTask<T>(queued.Task), null);
            }

            number = ++_lastSequence;
            _inFlight++;
        }

        DeliveryFrame.WriteSequence(frame, new Sequence(_channel, number));
        try
        {
            using OutsideActorTurn outside = OutsideActorTurn.Enter();
            return new(call(this, frame), this);
        }
        catch (Exception exception)
        {
            CallCompleted();
            return new(ValueTask.FromException<T>(exception), null);
        }
    }

    /// <summary>
    /// Sends a signal, after everything queued before it: the queue leaves first, on this thread, so a signal (a stop,
    /// a kill, an exit) never overtakes the messages sent before it.
    /// </summary>
    public Task<SignalResult> Signal(ActorSignal signal)
    {
        List<(List<IQueuedDelivery> Batch, long First)>? batches = null;
        long number;
        lock (_gate)
        {
            while (TakeQueued() is ({ } batch, long first))
            {
                (batches ??= []).Add((batch, first));
            }

            number = ++_lastSequence;
        }

        foreach ((List<IQueuedDelivery> batch, long first) in batches ?? [])
        {
            SendBatch(batch, first);
        }

        using OutsideActorTurn outside = OutsideActorTurn.Enter();
        var sequence = new Sequence(_channel, number);
        return _grain is not null ? _grain.Signal(signal, sequence) : _endpoint!.Signal(_localId, signal, sequence);
    }

    /// <summary>
    /// The actor is known to be dead: what is still queued is not sent (a call to a lost silo's grain would wait for
    /// Orleans to place the grain again) but fails with <paramref name="reason"/>, which each delivery's sender reads
    /// in the light of what it knows of the death.
    /// </summary>
    public void Abandon(Exception reason)
    {
        List<IQueuedDelivery>? queued;
        lock (_gate)
        {
            queued = _queued;
            _queued = null;
            _held -= queued?.Count ?? 0;
        }

        foreach (IQueuedDelivery delivery in queued ?? [])
        {
            delivery.Fail(reason);
        }
    }

    /// <summary>A call this outbox sent on its own has completed (called before its result is used).</summary>
    public void CallCompleted()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }

    private bool SendsAtOnce() => _inFlight == 0 && _queued is null;

    private void Enqueue(IQueuedDelivery delivery)
    {
        _held++;
        (_queued ??= []).Add(delivery);
        ScheduleFlush();
    }

    private void ScheduleFlush()
    {
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _scheduleFlush(this);
        }
    }

    /// <summary>
    /// Takes the next batch from the queue and numbers it (under the lock): everything queued, up to
    /// <see cref="MaxBatchDeliveries"/> and <see cref="MaxBatchBytes"/>; null when nothing is queued.
    /// </summary>
    private (List<IQueuedDelivery>? Batch, long First) TakeQueued()
    {
        List<IQueuedDelivery>? queued = _queued;
        if (queued is null)
        {
            return (null, 0);
        }

        int count = 0;
        int bytes = 0;
        while (count < queued.Count && count < MaxBatchDeliveries && (count == 0 || bytes + queued[count].Frame.Length <= MaxBatchBytes))
        {
            bytes += queued[count++].Frame.Length;
        }

        List<IQueuedDelivery> batch;
        if (count == queued.Count)
        {
            batch = queued;
            _queued = null;
        }
        else
        {
            batch = queued.GetRange(0, count);
            queued.RemoveRange(0, count);
        }

        long first = _lastSequence + 1;
        _lastSequence += batch.Count;
        _inFlight++;
        return (batch, first);
    }

    /// <summary>Sends what is queued as one batch (scheduled when the first delivery is queued).</summary>
    public void Flush()
    {
        List<IQueuedDelivery>? queued;
        long first;
        lock (_gate)
        {
            _flushScheduled = false;
            (queued, first) = TakeQueued(); // nothing when a signal sent the queue meanwhile
            if (_queued is not null)
            {
                ScheduleFlush(); // more than one batch's worth: the rest leaves next
            }
        }

        if (queued is not null)
        {
            SendBatch(queued, first);
        }
    }

    private void SendBatch(List<IQueuedDelivery> batch, long first)
    {
        ValueTask<byte[]> sent;
        try
        {
            byte[] frame = DeliveryBatch.Write(new Sequence(_channel, first), batch);
            using OutsideActorTurn outside = OutsideActorTurn.Enter();
            sent = _grain is not null ? _grain.Deliver(frame) : _endpoint!.Deliver(_localId, frame);
        }
        catch (Exception exception)
        {
            sent = ValueTask.FromException<byte[]>(exception);
        }

        if (sent.IsCompleted)
        {
            OnBatchAnswered(batch, sent);
        }
        else
        {
            new PendingBatch(this, batch, sent).Register();
        }
    }

    /// <summary>
    /// Completes each delivery of a batch with its own outcome (reads the answer once: Orleans pools it). An ask its
    /// actor did not answer on the spot is fetched with a call of its own, so no answer waits for another.
    /// </summary>
    private void OnBatchAnswered(List<IQueuedDelivery> batch, ValueTask<byte[]> sent)
    {
        lock (_gate)
        {
            _inFlight--;
            _held -= batch.Count;
        }

        byte[][] outcomes;
        try
        {
            outcomes = DeliveryBatch.ReadOutcomes(sent.GetAwaiter().GetResult(), batch.Count);
        }
        catch (Exception exception)
        {
            foreach (IQueuedDelivery delivery in batch)
            {
                delivery.Fail(exception);
            }

            return;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            if (AskOutcome.IsPending(outcomes[i], out long token) && batch[i] is QueuedAsk pending)
            {
                FetchAnswer(token, pending);
            }
            else
            {
                batch[i].Complete(outcomes[i]);
            }
        }
    }

    private void FetchAnswer(long token, QueuedAsk pending)
    {
        ValueTask<byte[]> answer;
        try
        {
            using OutsideActorTurn outside = OutsideActorTurn.Enter();
            answer = _grain is not null ? _grain.Answer(token) : _endpoint!.Answer(_localId, token);
        }
        catch (Exception exception)
        {
            pending.Fail(exception);
            return;
        }

        // Rare (an actor that was busy or answers asynchronously), so a plain continuation will do.
        answer.AsTask().ContinueWith(
            static (answered, state) =>
            {
                var ask = (QueuedAsk)state!;
                if (answered.IsCompletedSuccessfully)
                {
                    ask.Complete(answered.Result);
                }
                else
                {
                    ask.Fail(answered.Exception!.InnerException ?? answered.Exception);
                }
            },
            pending, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class PendingBatch(Outbox outbox, List<IQueuedDelivery> batch, ValueTask<byte[]> sent)
    {
        public void Register() => sent.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnCompleted);

        private void OnCompleted() => outbox.OnBatchAnswered(batch, sent);
    }

    /// <summary>A queued delivery: what it sends, and the completion of its caller's call.</summary>
    private interface IQueuedDelivery : IBatchedDelivery
    {
        void Complete(byte[] outcome);

        void Fail(Exception exception);
    }

    // Completed where the batch's answer arrives, outside any actor's turn, as a call sent alone would be.

    private sealed class QueuedTell(byte[] frame) : TaskCompletionSource<WireExitReason?>, IQueuedDelivery
    {
        public DeliveryKind Kind => DeliveryKind.Tell;

        public byte[] Frame => frame;

        public void Complete(byte[] outcome)
        {
            if (outcome.Length == 0)
            {
                TrySetResult(null); // delivered
                return;
            }

            AskOutcome read;
            try
            {
                read = AskOutcome.Read(outcome);
            }
            catch (MessagePackSerializationException exception)
            {
                TrySetException(exception);
                return;
            }

            if (read.Failure == FailureKind.Dead)
            {
                TrySetResult(read.Reason ?? WireExitReason.From(ExitReason.NoProcess));
            }
            else
            {
                TrySetException(new MessagePackSerializationException($"The message was not delivered: {read.ExceptionType}: {read.Message}"));
            }
        }

        public void Fail(Exception exception) => TrySetException(exception);
    }

    private sealed class QueuedAsk(byte[] frame) : TaskCompletionSource<byte[]>, IQueuedDelivery
    {
        public DeliveryKind Kind => DeliveryKind.Ask;

        public byte[] Frame => frame;

        public void Complete(byte[] outcome) => TrySetResult(outcome);

        public void Fail(Exception exception) => TrySetException(exception);
    }
}

/// <summary>The outbox to a remote actor holds its capacity of deliveries: the delivery was not sent.</summary>
internal sealed class OutboxFullException() : Exception("The outbox to the actor is full: the delivery was not sent.");

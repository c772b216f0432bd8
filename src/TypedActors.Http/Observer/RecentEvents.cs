using TypedActors.Introspection;

namespace TypedActors.Http.Observer;

/// <summary>
/// Dead letters (counted by reason) and failures of one actor system, with the latest of each, collected only while
/// the observer watches: subscribing makes the system publish them, which it skips while nobody listens. The callbacks
/// run on the threads that dead-letter messages and fail actors, so they take no lock: counts are interlocked and the
/// latest events go into a ring of slots that writers claim with an interlocked counter.
/// </summary>
internal sealed class RecentEvents : IObserver<DeadLetter>, IObserver<ActorFailure>
{
    private static readonly DeadLetterReason[] s_reasons = Enum.GetValues<DeadLetterReason>();

    private readonly ActorSystem _system;
    private readonly long[] _deadLettersByReason;
    private readonly Ring<DeadLetterEvent> _deadLetters;
    private readonly Ring<ActorFailure> _failures;
    private long _failureCount;
    private IDisposable? _deadLetterSubscription;
    private IDisposable? _failureSubscription;

    public RecentEvents(ActorSystem system, int capacity)
    {
        _system = system;
        _deadLettersByReason = new long[s_reasons.Max(reason => (int)reason) + 1];
        _deadLetters = new Ring<DeadLetterEvent>(capacity);
        _failures = new Ring<ActorFailure>(capacity);
    }

    public static IReadOnlyList<DeadLetterReason> Reasons => s_reasons;

    public long FailureCount => Interlocked.Read(ref _failureCount);

    public bool IsSubscribed => Volatile.Read(ref _deadLetterSubscription) is not null;

    public long DeadLetterCount(DeadLetterReason reason) => Interlocked.Read(ref _deadLettersByReason[(int)reason]);

    /// <summary>The latest dead letters, newest first.</summary>
    public List<DeadLetterEvent> LatestDeadLetters() => _deadLetters.Latest();

    /// <summary>The latest failures, newest first.</summary>
    public List<ActorFailure> LatestFailures() => _failures.Latest();

    /// <summary>Starts collecting. Called under the observation's lock, as is <see cref="Stop"/>.</summary>
    public void Start()
    {
        if (_deadLetterSubscription is not null)
        {
            return;
        }

        _deadLetterSubscription = _system.DeadLetters.Subscribe(this);
        _failureSubscription = _system.Failures.Subscribe(this);
    }

    /// <summary>Stops collecting and forgets what was collected: the next watcher starts afresh.</summary>
    public void Stop()
    {
        _deadLetterSubscription?.Dispose();
        _failureSubscription?.Dispose();
        _deadLetterSubscription = null;
        _failureSubscription = null;
        Array.Clear(_deadLettersByReason);
        Interlocked.Exchange(ref _failureCount, 0);
        _deadLetters.Clear();
        _failures.Clear();
    }

    void IObserver<DeadLetter>.OnNext(DeadLetter value)
    {
        int reason = (int)value.Reason;
        if ((uint)reason < (uint)_deadLettersByReason.Length)
        {
            Interlocked.Increment(ref _deadLettersByReason[reason]);
        }

        // Only the message's class is kept: the message itself may be large, and the page shows no content.
        _deadLetters.Add(new DeadLetterEvent(
            _system.TimeProvider.GetUtcNow(), value.Reason, ObserverNames.Of(value.Message.GetType()), value.Recipient, value.Sender));
    }

    void IObserver<ActorFailure>.OnNext(ActorFailure value)
    {
        Interlocked.Increment(ref _failureCount);
        _failures.Add(value);
    }

    void IObserver<DeadLetter>.OnCompleted()
    {
    }

    void IObserver<DeadLetter>.OnError(Exception error)
    {
    }

    void IObserver<ActorFailure>.OnCompleted()
    {
    }

    void IObserver<ActorFailure>.OnError(Exception error)
    {
    }

    /// <summary>The last <c>capacity</c> items added; writers never wait for each other or for readers.</summary>
    private sealed class Ring<T>(int capacity)
        where T : class
    {
        private readonly T?[] _slots = new T?[capacity];
        private long _added;

        public void Add(T item)
        {
            long index = Interlocked.Increment(ref _added) - 1;
            Volatile.Write(ref _slots[index % _slots.Length], item);
        }

        public List<T> Latest()
        {
            long added = Interlocked.Read(ref _added);
            var latest = new List<T>((int)Math.Min(added, _slots.Length));
            for (long index = added - 1; index >= 0 && index >= added - _slots.Length; index--)
            {
                if (Volatile.Read(ref _slots[index % _slots.Length]) is { } item)
                {
                    latest.Add(item);
                }
            }

            return latest;
        }

        public void Clear()
        {
            Array.Clear(_slots);
            Interlocked.Exchange(ref _added, 0);
        }
    }
}

/// <summary>A dead letter as the page shows it: when, why, the message's class, and who it was from and for.</summary>
internal sealed record DeadLetterEvent(DateTimeOffset Time, DeadLetterReason Reason, string MessageType, Address Recipient, Address? Sender);

/// <summary>How the observer names classes: the simple name without generic arity, never a namespace or assembly.</summary>
internal static class ObserverNames
{
    public static string Of(Type type)
    {
        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}

namespace TypedActors.Dispatching;

/// <summary>
/// Ask timeouts for a whole system on one hashed timing wheel: an ask costs a lock-free push instead of a timer of its
/// own (a .NET timer per ask cost about a third of an ask's latency). A single timer ticks every
/// <see cref="Resolution"/> while asks are pending and stops when none are, so timeouts fire within one tick.
/// </summary>
internal sealed class TimeoutWheel
{
    /// <summary>How late a timeout may fire.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(10);

    // A power of two. One round is 320 ms: a completed ask stays referenced until its slot comes round (so keep the
    // round short, or completed asks get promoted out of gen0), and a longer timeout simply waits several rounds.
    private const int SlotCount = 32;
    private readonly Reply?[] _slots = new Reply?[SlotCount];
    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly object _gate = new();
    private ITimer? _timer;
    private long _processedTick;
    private int _pending;
    private int _ticking;

    public TimeoutWheel(TimeProvider clock)
    {
        _clock = clock;
        _origin = clock.GetTimestamp();
    }

    /// <summary>Expires <paramref name="entry"/> after <paramref name="timeout"/> unless it has completed by then.</summary>
    public void Add(Reply entry, TimeSpan timeout)
    {
        long deadline = CurrentTick() + Math.Max(1, (timeout.Ticks + Resolution.Ticks - 1) / Resolution.Ticks);
        entry.TimeoutTick = deadline;
        Push(entry);
        if (Interlocked.Increment(ref _pending) == 1)
        {
            EnsureTicking();
        }

        if (Volatile.Read(ref _processedTick) >= deadline)
        {
            entry.Expire(); // the tick already went by while this thread was pushing: expire now rather than a round late
        }
    }

    private long CurrentTick() => _clock.GetElapsedTime(_origin).Ticks / Resolution.Ticks;

    private void Push(Reply entry)
    {
        ref Reply? head = ref _slots[(int)(entry.TimeoutTick & (SlotCount - 1))];
        while (true)
        {
            Reply? current = Volatile.Read(ref head);
            entry.NextTimeout = current;
            if (Interlocked.CompareExchange(ref head, entry, current) == current)
            {
                return;
            }
        }
    }

    private void EnsureTicking()
    {
        lock (_gate)
        {
            _timer ??= _clock.CreateTimer(static state => ((TimeoutWheel)state!).OnTick(), this, Resolution, Resolution);
        }
    }

    private void OnTick()
    {
        // Timer callbacks can overlap when a tick runs long; one pass at a time is enough.
        if (Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            return;
        }

        try
        {
            long now = CurrentTick();
            long from = Math.Max(_processedTick + 1, now - SlotCount + 1); // a long pause: visit every slot once
            for (long tick = from; tick <= now; tick++)
            {
                Visit(tick);
                Volatile.Write(ref _processedTick, tick);
            }

            lock (_gate)
            {
                if (Volatile.Read(ref _pending) == 0 && _timer is not null)
                {
                    _timer.Dispose();
                    _timer = null;
                }
            }

            if (Volatile.Read(ref _pending) > 0)
            {
                EnsureTicking(); // an ask raced with the stop above
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private void Visit(long tick)
    {
        Reply? entry = Interlocked.Exchange(ref _slots[(int)(tick & (SlotCount - 1))], null);
        while (entry is not null)
        {
            Reply? next = entry.NextTimeout;
            entry.NextTimeout = null;
            if (entry.IsCompleted)
            {
                Interlocked.Decrement(ref _pending);
            }
            else if (entry.TimeoutTick <= tick)
            {
                entry.Expire();
                Interlocked.Decrement(ref _pending);
            }
            else
            {
                Push(entry); // due in a later round
            }

            entry = next;
        }
    }
}

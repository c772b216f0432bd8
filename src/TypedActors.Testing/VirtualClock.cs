namespace TypedActors.Testing;

/// <summary>
/// A clock that moves only when a test moves it: the clock of an <see cref="ActorTestKit"/>'s system
/// (<see cref="ActorTestKit.Time"/>), and so of its actors' timers (<c>SendAfter</c>, periodic timers, receive
/// timeouts), its ask timeouts and its supervisors' restart back-off, and of whatever else is given this
/// <see cref="TimeProvider"/> (<c>Task.Delay(delay, kit.Time)</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Advance"/> moves the clock to its new time at once and then fires every timer due by then, in the order
/// they are due (timers due at the same moment in the order they were set); a periodic timer fires once for every
/// period that has passed. Callbacks run on the thread that advances the clock, and see the new time. A timer set to
/// fire after zero time fires at once, on the thread that set it. To let actors react to each timer before the next
/// one fires (so that a timer an actor sets in reaction fires within the same stretch of time, and each reaction sees
/// the time its timer was due), use <see cref="ActorTestKit.AdvanceAsync"/>.
/// </para>
/// <para>
/// <see cref="GetTimestamp"/> counts ticks of virtual time (<see cref="TimestampFrequency"/> is
/// <see cref="TimeSpan.TicksPerSecond"/>), and <see cref="LocalTimeZone"/> is UTC, so that a test reads the same
/// everywhere.
/// </para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>The time a clock created without one starts at: 1 January 2000, midnight UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly DateTimeOffset _start;
    private readonly PriorityQueue<Scheduled, (long Due, long Order)> _queue = new();
    private long _now;
    private long _order;
    private int _active;

    /// <summary>Creates a clock that reads <paramref name="start"/> (default <see cref="DefaultStart"/>) until advanced.</summary>
    public VirtualClock(DateTimeOffset? start = null) => _start = (start ?? DefaultStart).ToUniversalTime();

    /// <summary>How many timers are armed: set to fire, and not yet fired (a one-shot timer), disarmed or disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>When the next timer is due, or null when no timer is set.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            lock (_gate)
            {
                return PeekLocked() is { } next ? _start.AddTicks(next.Due) : null;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Volatile.Read(ref _now));

    /// <inheritdoc />
    public override long GetTimestamp() => Volatile.Read(ref _now);

    /// <summary>
    /// Moves the clock forward by <paramref name="delta"/> and fires every timer due by the new time, in the order they
    /// are due; the callbacks see the new time. See the remarks of <see cref="VirtualClock"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative: time does not go back.</exception>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Virtual time only moves forward.");
        }

        long target;
        lock (_gate)
        {
            target = _now + delta.Ticks;
            Volatile.Write(ref _now, target);
        }

        FireDue(target);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the next timer is due, in ticks since the start; null when none is set.</summary>
    internal long? NextDueTicks
    {
        get
        {
            lock (_gate)
            {
                return PeekLocked()?.Due;
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="ticks"/> (never back) and fires what is due by then.</summary>
    internal void MoveTo(long ticks)
    {
        lock (_gate)
        {
            if (ticks > _now)
            {
                Volatile.Write(ref _now, ticks);
            }
        }

        FireDue(ticks);
    }

    /// <summary>Fires, one at a time and outside the lock, every timer due by <paramref name="limit"/>; true when any fired.</summary>
    internal bool FireDue(long limit)
    {
        bool fired = false;
        while (TakeDue(limit) is { } due)
        {
            fired = true;
            due.Timer.Invoke();
        }

        return fired;
    }

    private Scheduled? TakeDue(long limit)
    {
        lock (_gate)
        {
            if (PeekLocked() is not { } next || next.Due > limit)
            {
                return null;
            }

            _queue.Dequeue();
            VirtualTimer timer = next.Timer;
            if (timer.Period > 0)
            {
                ScheduleLocked(timer, next.Due + timer.Period); // catches up: fires again in this call if due by the limit
            }
            else
            {
                timer.Version++; // a one-shot timer is spent once it fires
                timer.Spent = true;
                _active--;
            }

            return next;
        }
    }

    /// <summary>The earliest entry that is still current, dropping entries of timers changed or disposed since.</summary>
    private Scheduled? PeekLocked()
    {
        while (_queue.TryPeek(out Scheduled? next, out _))
        {
            if (next.Version == next.Timer.Version && !next.Timer.Disposed)
            {
                return next;
            }

            _queue.Dequeue();
        }

        return null;
    }

    private void ScheduleLocked(VirtualTimer timer, long due) =>
        _queue.Enqueue(new Scheduled(timer, due, timer.Version), (due, _order++));

    /// <summary>
    /// (Re)arms <paramref name="timer"/>, or disarms it for an infinite due time. Returns false when it is disposed;
    /// <paramref name="dueNow"/> is true when it must fire at once, on the caller's thread.
    /// </summary>
    private bool Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period, out bool dueNow)
    {
        dueNow = false;
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            bool wasSpent = timer.Spent;
            timer.Version++;
            timer.Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            timer.Spent = dueTime == Timeout.InfiniteTimeSpan;
            if (wasSpent && !timer.Spent)
            {
                _active++; // a fired one-shot timer counts again once rearmed
            }
            else if (!wasSpent && timer.Spent)
            {
                _active--;
            }

            if (!timer.Spent)
            {
                ScheduleLocked(timer, _now + dueTime.Ticks);
                dueNow = dueTime == TimeSpan.Zero;
            }

            return true;
        }
    }

    private void Disarm(VirtualTimer timer)
    {
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return;
            }

            timer.Disposed = true;
            if (!timer.Spent)
            {
                timer.Spent = true;
                _active--;
            }
        }
    }

    /// <summary>One entry of the queue: a timer, when it is due, and the arming it belongs to.</summary>
    private sealed record Scheduled(VirtualTimer Timer, long Due, long Version);

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by the clock's lock.
        public long Version;
        public long Period;
        public bool Spent = true;
        public bool Disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A due time must be zero, positive or infinite.");
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "A period must be zero, positive or infinite.");
            }

            if (period == TimeSpan.Zero)
            {
                period = Timeout.InfiniteTimeSpan; // as System.Threading.Timer: a zero period means no repetition
            }

            if (!clock.Arm(this, dueTime, period, out bool dueNow))
            {
                return false;
            }

            if (dueNow)
            {
                clock.FireDue(clock.GetTimestamp());
            }

            return true;
        }

        public void Invoke() => callback(state);

        public void Dispose() => clock.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

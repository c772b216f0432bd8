namespace TypedActors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>Schedules <paramref name="message"/> to <paramref name="target"/>; the timer belongs to this actor.</summary>
    public ActorTimer Schedule(Address target, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (target.IsEmpty)
        {
            throw new ArgumentException("The target address is empty.", nameof(target));
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A delay must not be negative.");
        }

        bool periodic = period != Timeout.InfiniteTimeSpan;
        if (periodic && period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A period must be positive.");
        }

        var timer = new ActorTimer(this, target, message, periodic);
        CellExtras extras = Extras;
        lock (extras)
        {
            if (_state >= Suspended)
            {
                throw new InvalidOperationException($"{this} is terminating; it cannot start timers.");
            }

            (extras.Timers ??= []).Add(timer);
        }

        timer.Start(_system.Options.TimeProvider, dueTime, period);
        return timer;
    }

    public void ForgetTimer(ActorTimer timer)
    {
        CellExtras extras = Extras;
        lock (extras)
        {
            extras.Timers?.Remove(timer);
        }
    }

    /// <summary>Sends <see cref="ReceiveTimeout"/> to the actor whenever it has handled no message for <paramref name="timeout"/>.</summary>
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        CellExtras extras = Extras;
        extras.ReceiveTimer?.Dispose();
        extras.ReceiveTimer = null;
        if (timeout is not { } idle)
        {
            return;
        }

        if (idle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive.");
        }

        extras.ReceiveTimeout = idle;
        extras.ReceiveTimer = _system.Options.TimeProvider.CreateTimer(
            static state => ((ActorCell)state!).DeliverSignal(TypedActors.ReceiveTimeout.Instance), this, idle, Timeout.InfiniteTimeSpan);
    }

    private static void StopTimers(CellExtras extras)
    {
        extras.ReceiveTimer?.Dispose();
        extras.ReceiveTimer = null;
        ActorTimer[] timers;
        lock (extras)
        {
            if (extras.Timers is not { Count: > 0 })
            {
                return;
            }

            timers = [.. extras.Timers];
        }

        foreach (ActorTimer timer in timers)
        {
            timer.Cancel();
        }
    }
}

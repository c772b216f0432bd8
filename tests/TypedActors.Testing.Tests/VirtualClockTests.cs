namespace TypedActors.Testing.Tests;

public class VirtualClockTests
{
    [Fact]
    public void Advance_fires_the_due_timers_in_order_of_due_time_and_their_callbacks_read_the_new_time()
    {
        var clock = new VirtualClock();
        var fired = new List<string>();
        using ITimer late = clock.CreateTimer(_ => fired.Add($"late at {clock.GetUtcNow():mm:ss}"), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using ITimer early = clock.CreateTimer(_ => fired.Add($"early at {clock.GetUtcNow():mm:ss}"), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using ITimer tie = clock.CreateTimer(_ => fired.Add("tie, set after early"), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using ITimer never = clock.CreateTimer(_ => fired.Add("never"), null, TimeSpan.FromSeconds(31), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(["early at 00:30", "tie, set after early", "late at 00:30"], fired);
        Assert.Equal(VirtualClock.DefaultStart.AddSeconds(30), clock.GetUtcNow());
        Assert.Equal(1, clock.ActiveTimers);
        Assert.Equal(VirtualClock.DefaultStart.AddSeconds(31), clock.NextTimerDue);
    }

    [Fact]
    public void A_periodic_timer_fires_once_for_every_period_that_passed()
    {
        var clock = new VirtualClock();
        int ticks = 0;
        using ITimer timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Equal(5, ticks);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(6, ticks);

        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(6, ticks);
        Assert.Equal(0, clock.ActiveTimers);
        Assert.Null(clock.NextTimerDue);
    }

    [Fact]
    public void A_timer_due_now_fires_at_once_on_the_thread_that_sets_it()
    {
        var clock = new VirtualClock();
        int? firedOn = null;
        using ITimer timer = clock.CreateTimer(_ => firedOn = Environment.CurrentManagedThreadId, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(Environment.CurrentManagedThreadId, firedOn);
        Assert.Equal(0, clock.ActiveTimers); // a one-shot timer is spent once fired
    }

    [Fact]
    public void Change_rearms_a_timer_and_an_infinite_due_time_disarms_it()
    {
        var clock = new VirtualClock();
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.True(timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan)); // now due at 18 s, not 10 s
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan)); // a spent timer can be rearmed
        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        Assert.Equal(0, clock.ActiveTimers);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, fired);

        timer.Dispose();
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Task_Delay_and_timestamps_follow_the_virtual_time()
    {
        var clock = new VirtualClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)));
        long started = clock.GetTimestamp();
        Task delay = Task.Delay(TimeSpan.FromHours(1), clock);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(delay.IsCompletedSuccessfully); // completed inside the advance, on this thread

        Assert.Equal(TimeSpan.FromHours(1), clock.GetElapsedTime(started));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public void Time_does_not_go_back()
    {
        var clock = new VirtualClock();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
    }
}

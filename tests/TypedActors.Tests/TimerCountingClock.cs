using Microsoft.Extensions.Time.Testing;

namespace TypedActors.Tests;

/// <summary>
/// A fake clock that counts the timers created on it, so a test can wait until an actor has armed a timer before it
/// moves the clock, instead of guessing how long the actor takes to get there on a busy machine.
/// </summary>
internal sealed class TimerCountingClock : FakeTimeProvider
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }
}

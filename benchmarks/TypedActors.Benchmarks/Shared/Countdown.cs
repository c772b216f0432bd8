namespace TypedActors.Benchmarks.Shared;

/// <summary>
/// Completes a task once <see cref="Signal"/> has been called a given number of times, from any threads. Actors of
/// every framework signal it from their handlers or stop hooks, so the benchmark thread waits on the same primitive.
/// </summary>
public sealed class Countdown
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Countdown(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _remaining = count;
    }

    public Task Completed => _completed.Task;

    /// <summary>How many signals are still awaited.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    public void Signal()
    {
        int remaining = Interlocked.Decrement(ref _remaining);
        if (remaining == 0)
        {
            _completed.TrySetResult();
        }
        else if (remaining < 0)
        {
            _completed.TrySetException(new InvalidOperationException("A countdown was signalled more often than its count."));
        }
    }
}

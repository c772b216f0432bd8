namespace TypedActors.Benchmarks.PingPong;

/// <summary>
/// The serving side's bookkeeping of one ping-pong run, shared by every framework so they all do the same work:
/// serve <see cref="Opening"/> balls, serve one more for each ball that comes back until
/// <see cref="RoundTrips"/> have been served, and complete when the last one is back. Only the serving actor touches it.
/// </summary>
public sealed class Rally
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _served;
    private int _returned;

    /// <param name="messages">Messages in the whole run; a round trip is two.</param>
    /// <param name="inFlight">Balls served before the first one comes back.</param>
    public Rally(int messages, int inFlight)
    {
        RoundTrips = messages / 2;
        Opening = Math.Min(inFlight, RoundTrips);
        _served = Opening;
    }

    public int RoundTrips { get; }

    public int Opening { get; }

    public Task Completed => _completed.Task;

    /// <summary>Records a returned ball; true when the server should serve another one.</summary>
    public bool BallReturned()
    {
        if (++_returned == RoundTrips)
        {
            _completed.TrySetResult();
            return false;
        }

        if (_served < RoundTrips)
        {
            _served++;
            return true;
        }

        return false;
    }
}

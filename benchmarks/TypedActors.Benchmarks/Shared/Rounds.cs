namespace TypedActors.Benchmarks.Shared;

/// <summary>
/// The current round of a workload whose actors live across benchmark invocations: each invocation installs a fresh
/// <see cref="Countdown"/> before it sends anything, and the actors signal whichever round is current.
/// </summary>
public sealed class Rounds
{
    private Countdown? _current;

    public Countdown Begin(int count)
    {
        var round = new Countdown(count);
        Volatile.Write(ref _current, round);
        return round;
    }

    public void Signal() =>
        (Volatile.Read(ref _current) ?? throw new InvalidOperationException("A round was signalled before it began.")).Signal();
}

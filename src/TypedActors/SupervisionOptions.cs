namespace TypedActors;

/// <summary>Which children a supervisor restarts when one of them terminates.</summary>
public enum SupervisionStrategy
{
    /// <summary>Only the child that terminated.</summary>
    OneForOne,

    /// <summary>Every child, in the order they were declared.</summary>
    OneForAll,

    /// <summary>The child that terminated and every child declared after it, in order.</summary>
    RestForOne,
}

/// <summary>When a supervisor restarts a child.</summary>
public enum RestartPolicy
{
    /// <summary>Always, whatever the reason it terminated (a normal stop included).</summary>
    Permanent,

    /// <summary>Only when it terminated abnormally (it failed or was killed).</summary>
    Transient,

    /// <summary>Never: it terminates for good.</summary>
    Temporary,
}

/// <summary>Exponential back-off between restarts: <c>Initial * Factor^(n-1)</c> for the n-th restart in the window, at most <c>Max</c>.</summary>
/// <param name="Initial">The delay before the first restart.</param>
/// <param name="Max">The longest delay.</param>
/// <param name="Factor">The growth per consecutive restart.</param>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Max, double Factor = 2.0)
{
    internal TimeSpan DelayFor(int restartNumber)
    {
        double delay = Initial.TotalMilliseconds * Math.Pow(Factor, Math.Max(0, restartNumber - 1));
        return TimeSpan.FromMilliseconds(Math.Min(delay, Max.TotalMilliseconds));
    }
}

/// <summary>How a <see cref="Supervisor"/> reacts to its children terminating.</summary>
public sealed record SupervisorOptions
{
    private readonly int _maxRestarts = 3;
    private readonly TimeSpan _within = TimeSpan.FromSeconds(5);

    /// <summary>Which children are restarted together. Default <see cref="SupervisionStrategy.OneForOne"/>.</summary>
    public SupervisionStrategy Strategy { get; init; } = SupervisionStrategy.OneForOne;

    /// <summary>
    /// Restart intensity: more than this many restarts within <see cref="Within"/> and the supervisor gives up and
    /// fails itself (escalating to whoever supervises, links or monitors it). Default 3.
    /// </summary>
    public int MaxRestarts
    {
        get => _maxRestarts;
        init => _maxRestarts = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRestarts must not be negative.");
    }

    /// <summary>The window of the restart intensity. Default 5 seconds.</summary>
    public TimeSpan Within
    {
        get => _within;
        init => _within = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Within must be positive.");
    }

    /// <summary>Delays restarts exponentially; null restarts at once.</summary>
    public RestartBackoff? Backoff { get; init; }
}

/// <summary>The supervisor gave up: a child needed more restarts than its intensity allows.</summary>
public sealed class SupervisionException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public SupervisionException(string message)
        : base(message)
    {
    }
}

namespace TypedActors.Testing;

/// <summary>Settings of an <see cref="ActorTestKit"/>.</summary>
public sealed class ActorTestKitOptions
{
    private TimeSpan _idleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The time <see cref="ActorTestKit.Time"/> reads until a test advances it. Default <see cref="VirtualClock.DefaultStart"/>.</summary>
    public DateTimeOffset StartTime { get; set; } = VirtualClock.DefaultStart;

    /// <summary>
    /// How long, in real time, the kit lets the actors run before it gives up waiting for them to become idle (a
    /// livelock, or a handler that blocks its thread) and fails with <see cref="ActorTestException"/> naming the actors
    /// that kept running. It bounds every wait of the kit and its probes, and the kit's disposal. Default 30 seconds.
    /// Only a test that fails ever waits that long: a wait ends as soon as the system is idle.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        set => _idleTimeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The idle timeout must be positive.");
    }

    /// <summary>
    /// Configures the kit's actor system (name, throughput, ask timeout, services, logging, metrics...). The kit sets
    /// <see cref="ActorSystemOptions.TimeProvider"/> to its virtual clock and its own
    /// <see cref="ActorSystemOptions.WorkTracker"/>; changing either is an error.
    /// </summary>
    public Action<ActorSystemOptions>? ConfigureSystem { get; set; }
}

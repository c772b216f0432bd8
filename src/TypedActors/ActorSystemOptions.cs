using System.ComponentModel;

namespace TypedActors;

/// <summary>Settings of an <see cref="ActorSystem"/>.</summary>
public sealed class ActorSystemOptions
{
    private int _throughput = 300;
    private TimeSpan _askTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(30);
    private int? _mailboxCapacity;
    private MailboxOverflow _mailboxOverflow;

    /// <summary>A name for the system, used in diagnostics.</summary>
    public string Name { get; set; } = "actors";

    /// <summary>
    /// How many messages an actor handles in one turn on a thread-pool thread before it yields the thread to others
    /// (fairness versus throughput). Default 300.
    /// </summary>
    public int Throughput
    {
        get => _throughput;
        set => _throughput = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Throughput must be positive.");
    }

    /// <summary>The timeout of an <c>Ask</c> that names none. Default 30 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan AskTimeout
    {
        get => _askTimeout;
        set => _askTimeout = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The ask timeout must be positive or infinite.");
    }

    /// <summary>
    /// How long <see cref="ActorSystem.DisposeAsync"/> waits for actors to finish their current message and
    /// <c>OnStopped</c> before it abandons them. Default 30 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set => _shutdownTimeout = value >= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The shutdown timeout must not be negative.");
    }

    /// <summary>
    /// The bound of every actor's mailbox, unless its class says otherwise (<see cref="MailboxAttribute"/>) or its spawn
    /// does (<see cref="MailboxOptions"/>): at most this many user messages wait in it. Default null: unbounded.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not null and outside 1 to <see cref="MailboxOptions.MaxCapacity"/>.</exception>
    public int? MailboxCapacity
    {
        get => _mailboxCapacity;
        set => _mailboxCapacity = MailboxOptions.CheckCapacity(value, nameof(value));
    }

    /// <summary>
    /// What happens to a message sent to a full mailbox bounded by <see cref="MailboxCapacity"/>. Default
    /// <see cref="TypedActors.MailboxOverflow.DropNewest"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="TypedActors.MailboxOverflow"/>.</exception>
    public MailboxOverflow MailboxOverflow
    {
        get => _mailboxOverflow;
        set => _mailboxOverflow = MailboxOptions.CheckOverflow(value, nameof(value));
    }

    /// <summary>The clock for ask timeouts and timers. Tests can pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Resolves constructor parameters of actors spawned with <c>Spawn&lt;T&gt;()</c>.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Where the runtime logs failures, restarts, dead letters (rate-limited) and unhandled message types. None by default.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Creates the system's <c>TypedActors</c> meter (from dependency injection); a plain meter when null.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Counts the work the system has scheduled, for a test kit that must know when the actors are idle (see
    /// <see cref="Introspection.WorkTracker"/>); null by default, and then nothing is counted. Not for application code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Introspection.WorkTracker? WorkTracker { get; set; }

    /// <summary>
    /// Where persistent actors store their events (<c>SpawnPersistentAsync</c>); none by default. The embedded one is
    /// <c>SqliteJournal</c> (package TypedActors.Persistence.Sqlite). The journal belongs to the application: the
    /// system does not dispose it, and several systems may share it.
    /// </summary>
    public Persistence.IJournal? Journal { get; set; }

    /// <summary>
    /// Where persistent actors keep their snapshots. When null, the <see cref="Journal"/> itself if it is also an
    /// <see cref="Persistence.ISnapshotStore"/> (as <c>SqliteJournal</c> is); otherwise no snapshots are written.
    /// </summary>
    public Persistence.ISnapshotStore? SnapshotStore { get; set; }
}

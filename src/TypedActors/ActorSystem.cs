using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedActors.Cell;
using TypedActors.Diagnostics;
using TypedActors.Remoting;

namespace TypedActors;

/// <summary>
/// A set of actors that run on the .NET thread pool. Spawn actors with <see cref="Spawn{TActor}()"/>; dispose the
/// system (<c>await using</c>) to stop every actor gracefully.
/// </summary>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private const int RunningState = 0;
    private const int ShuttingDownState = 1;

    private readonly EventStream<ActorError> _errors = new();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastId;
    private int _lifecycle;
    private IActorRemoting? _remoting;

    /// <summary>Creates a system.</summary>
    /// <exception cref="InvalidOperationException">The options' <see cref="ActorSystemOptions.WorkTracker"/> already serves another system.</exception>
    public ActorSystem(ActorSystemOptions? options = null)
    {
        Options = options ?? new ActorSystemOptions();
        Throughput = Options.Throughput;
        Metrics = new ActorSystemMetrics(this, Options.MeterFactory);
        AskTimeouts = new Dispatching.TimeoutWheel(Options.TimeProvider);
        WorkTracker = Options.WorkTracker;
        WorkTracker?.Bind(this);
        DeadLetters = new DeadLetters(Metrics);
        Logger = Options.LoggerFactory?.CreateLogger("TypedActors.ActorSystem") ?? NullLogger.Instance;
        if (Options.LoggerFactory is not null)
        {
            _logSubscriptions = [DeadLetters.Subscribe(new DeadLetterLogger(Logger, Options.TimeProvider)), _errors.Subscribe(LogError)];
        }
    }

    private readonly IDisposable[] _logSubscriptions = [];

    /// <summary>The system's name.</summary>
    public string Name => Options.Name;

    /// <summary>Messages that reached no live actor: counted and published, never dropped silently.</summary>
    public DeadLetters DeadLetters { get; }

    /// <summary>Errors the runtime reported without failing anything else (e.g. exceptions thrown by <c>OnStopped</c>).</summary>
    public IObservable<ActorError> Errors => _errors;

    /// <summary>How many actors are alive.</summary>
    public int ActorCount => Registry.Count;

    /// <summary>The services actors' constructor parameters are resolved from, if any.</summary>
    public IServiceProvider? Services => Options.Services;

    internal ActorSystemOptions Options { get; }

    internal int Throughput { get; }

    internal ActorSystemMetrics Metrics { get; }

    internal Dispatching.TimeoutWheel AskTimeouts { get; }

    /// <summary>Counts scheduled turns when a test kit asked for it (<see cref="ActorSystemOptions.WorkTracker"/>); read once per turn.</summary>
    internal Introspection.WorkTracker? WorkTracker { get; }

    internal ILogger Logger { get; }

    internal ActorRegistry Registry { get; } = new();

    /// <summary>How addresses of this system cross process boundaries, once a cluster backend has attached.</summary>
    internal IActorRemoting? Remoting => Volatile.Read(ref _remoting);

    /// <summary>Attaches a remoting transport, once (see <see cref="ActorSystemRemotingExtensions.AttachRemoting"/>).</summary>
    internal void Attach(IActorRemoting remoting)
    {
        if (Interlocked.CompareExchange(ref _remoting, remoting, null) is not null)
        {
            throw new InvalidOperationException(
                $"Actor system '{Name}' already has a remoting transport attached; a system belongs to one cluster.");
        }
    }

    /// <summary>A new id, unique among the actors (and other local processes) of this system.</summary>
    internal long NextId() => Interlocked.Increment(ref _lastId);

    /// <summary>Spawns an actor. Its constructor parameters, if any, are resolved from <see cref="Services"/>.</summary>
    /// <exception cref="ActorCreationException">The constructor threw, or a parameter could not be resolved.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public ActorRef<TActor> Spawn<TActor>()
        where TActor : Actor, IActorFactory<TActor> =>
        SpawnCore(parent: null, static services => TActor.Create(services));

    /// <summary>Spawns an actor created by <paramref name="factory"/>, e.g. <c>Spawn(() => new Account(100))</c>.</summary>
    /// <exception cref="ActorCreationException">The factory threw, returned null, or returned an existing actor.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public ActorRef<TActor> Spawn<TActor>(Func<TActor> factory)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return SpawnCore(parent: null, factory);
    }

    /// <summary>
    /// Spawns an actor with its own mailbox bound, which wins over the class's <see cref="MailboxAttribute"/> and
    /// <see cref="ActorSystemOptions.MailboxCapacity"/> (<see cref="MailboxOptions.Unbounded"/> for none).
    /// </summary>
    /// <exception cref="ActorCreationException">The constructor threw, or a parameter could not be resolved.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public ActorRef<TActor> Spawn<TActor>(MailboxOptions mailbox)
        where TActor : Actor, IActorFactory<TActor>
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return SpawnCore(parent: null, static services => TActor.Create(services), mailbox: mailbox);
    }

    /// <summary>Spawns an actor created by <paramref name="factory"/>, with its own mailbox bound (see <see cref="Spawn{TActor}(MailboxOptions)"/>).</summary>
    /// <exception cref="ActorCreationException">The factory threw, returned null, or returned an existing actor.</exception>
    /// <exception cref="ObjectDisposedException">The system is shutting down.</exception>
    public ActorRef<TActor> Spawn<TActor>(Func<TActor> factory, MailboxOptions mailbox)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(mailbox);
        return SpawnCore(parent: null, factory, mailbox: mailbox);
    }

    internal ActorRef<TActor> SpawnCore<TActor>(
        ActorCell? parent,
        Func<IServiceProvider?, TActor> create,
        bool link = false,
        Action<ActorCell>? beforeStart = null,
        MailboxOptions? mailbox = null)
        where TActor : Actor =>
        SpawnCore(parent, create, static (create, services) => create(services), link, beforeStart, mailbox);

    /// <summary>Spawns with a user's factory, without wrapping it in a closure per spawn.</summary>
    internal ActorRef<TActor> SpawnCore<TActor>(ActorCell? parent, Func<TActor> factory, bool link = false, MailboxOptions? mailbox = null)
        where TActor : Actor =>
        SpawnCore(parent, factory, static (factory, _) => factory(), link, beforeStart: null, mailbox);

    private ActorRef<TActor> SpawnCore<TActor, TState>(
        ActorCell? parent,
        TState state,
        Func<TState, IServiceProvider?, TActor> create,
        bool link,
        Action<ActorCell>? beforeStart,
        MailboxOptions? mailbox)
        where TActor : Actor
    {
        ThrowIfShuttingDown();
        var cell = new ActorCell(this, NextId(), typeof(TActor), parent);
        TActor actor;
        ActorCell? outer = ActorCell.BeginConstruction(cell);
        try
        {
            actor = create(state, Options.Services);
        }
        catch (ActorCreationException)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new ActorCreationException($"Creating a {typeof(TActor).Name} failed: {exception.Message}", exception);
        }
        finally
        {
            ActorCell.EndConstruction(outer);
        }

        if (actor is null)
        {
            throw new ActorCreationException($"The factory passed to Spawn returned null instead of a new {typeof(TActor).Name}.");
        }

        if (!ReferenceEquals(actor.Cell, cell))
        {
            throw new ActorCreationException(
                $"The factory passed to Spawn must create a new {typeof(TActor).Name}; it returned an instance that belongs to another actor.");
        }

        cell.Attach(actor);
        if (Mailbox.MailboxBounds.For(actor.GetType(), mailbox, Options) is { } bound)
        {
            cell.BoundMailbox(bound);
        }

        Registry.Add(cell);
        parent?.AddChild(cell);
        if (link && parent is not null)
        {
            parent.Link(cell.Address); // before the child's first turn: it cannot die unobserved
        }

        beforeStart?.Invoke(cell);

        cell.TrySchedule(); // runs OnStarted

        if (Volatile.Read(ref _lifecycle) != RunningState)
        {
            cell.Stop(); // shutdown began while this actor was being created: it must not outlive the system
        }

        return new ActorRef<TActor>(cell.Address);
    }

    /// <summary>Kills the actor at <paramref name="address"/>. See <see cref="Address.Kill"/>.</summary>
    public void Kill(Address address) => address.Kill();

    /// <summary>Stops the actor at <paramref name="address"/> after its current message. See <see cref="Address.Stop"/>.</summary>
    public void Stop(Address address) => address.Stop();

    /// <summary>Finds a live actor by id.</summary>
    public bool TryGetActor(long id, out Address address)
    {
        if (Registry.TryGet(id, out ActorCell? cell))
        {
            address = cell.Address;
            return true;
        }

        address = default;
        return false;
    }

    internal void ReportError(Address actor, Exception exception, string context) =>
        _errors.Publish(new ActorError(actor, exception, context));

    private void LogError(ActorError error) => ActorLog.Error(Logger, error.Actor, error.Context, error.Exception);

    /// <summary>Messages waiting in the mailboxes of live actors (approximate while they run), summed per actor class.</summary>
    internal Dictionary<Type, long> QueuedMessagesByType()
    {
        var totals = new Dictionary<Type, long>();
        foreach (ActorCell cell in Registry.Snapshot())
        {
            ref long total = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(totals, cell.ActorType, out _);
            total += cell.QueuedCount;
        }

        return totals;
    }

    private void ThrowIfShuttingDown()
    {
        if (Volatile.Read(ref _lifecycle) != RunningState)
        {
            throw new ObjectDisposedException(nameof(ActorSystem), $"Actor system '{Name}' is shutting down; no actor can be spawned.");
        }
    }

    /// <summary>
    /// Stops every actor after its current message, runs their <c>OnStopped</c>, and waits for them up to
    /// <see cref="ActorSystemOptions.ShutdownTimeout"/>. Actors still running after that have their
    /// <c>StoppingToken</c> cancelled and are reported to <see cref="Errors"/>. Messages sent afterwards are dead letters.
    /// </summary>
    public async ValueTask DisposeAsync() => await ShutdownAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Shuts the system down like <see cref="DisposeAsync"/>, but gives up waiting for actors when
    /// <paramref name="cancellationToken"/> is cancelled too (e.g. a host's shutdown timeout), whichever comes first.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _lifecycle, ShuttingDownState) != RunningState)
        {
            await _disposed.Task.ConfigureAwait(false);
            return;
        }

        TimeProvider clock = Options.TimeProvider;
        TimeSpan timeout = Options.ShutdownTimeout;
        long started = clock.GetTimestamp();
        bool gaveUp = false;
        while (Registry.Count > 0 && !gaveUp)
        {
            List<ActorCell> cells = Registry.Snapshot();
            var completions = new Task[cells.Count];
            for (int i = 0; i < cells.Count; i++)
            {
                cells[i].Stop();
                completions[i] = cells[i].Completion;
            }

            TimeSpan remaining = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - clock.GetElapsedTime(started);
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                gaveUp = true;
                continue;
            }

            try
            {
                // WaitAsync disposes its timer when the actors finish first, so shutdown leaves no timer behind.
                await Task.WhenAll(completions).WaitAsync(remaining, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                gaveUp = true;
            }
        }

        foreach (ActorCell straggler in Registry.Snapshot())
        {
            straggler.Abandon();
            ReportError(straggler.Address, new TimeoutException(
                $"{straggler} did not stop within the shutdown timeout ({timeout}) or before shutdown was cancelled; its StoppingToken was cancelled."), "shutdown");
        }

        foreach (IDisposable subscription in _logSubscriptions)
        {
            subscription.Dispose();
        }

        DeadLetters.Complete();
        _errors.Complete();
        _failures.Complete();
        Metrics.Dispose();
        _disposed.TrySetResult();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem '{Name}' ({ActorCount} actors)";
}

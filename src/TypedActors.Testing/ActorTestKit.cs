using System.Globalization;
using System.Text;
using TypedActors.Catalogue;
using TypedActors.Introspection;

namespace TypedActors.Testing;

/// <summary>
/// An actor system for tests: its clock is virtual (<see cref="Time"/>) and the kit knows when its actors have nothing
/// left to do, so a test needs neither sleeps nor polling. <c>await using var kit = new ActorTestKit();</c>
/// </summary>
/// <remarks>
/// <para>
/// Spawn the actors under test with <see cref="Spawn{TActor}()"/> (a failure message shows their state), give them
/// probes (<see cref="CreateProbe{TActor}"/>) where they expect collaborators, move time with
/// <see cref="VirtualClock.Advance"/> or <see cref="AdvanceAsync"/>, and let them run with
/// <see cref="RunUntilIdleAsync"/>. Everything else the system offers is on <see cref="System"/>.
/// </para>
/// <para>
/// Idle means: no actor has a turn queued or running (a message, a handler's continuation, a stop or kill to carry
/// out) and no timer is due. A handler that awaits is waiting, not working: when it awaits an ask, a selective
/// <c>Receive</c> or a delay on <see cref="Time"/>, the kit drives what resumes it; when it awaits something outside
/// the actors (real I/O, <c>Task.Run</c>, the system clock), the system can be idle while it waits, and a failure
/// message lists it. Give such an actor a fake whose task the test completes.
/// </para>
/// <para>
/// Failures are <see cref="ActorTestException"/>s, so the kit works with any test framework.
/// </para>
/// </remarks>
public sealed class ActorTestKit : IAsyncDisposable
{
    private readonly WorkTracker _work = new();
    private readonly ActorReport _report;
    private readonly RecordedEvents<DeadLetter> _deadLetters = new();
    private readonly RecordedEvents<ActorError> _errors = new();
    private readonly RecordedEvents<ActorFailure> _failures = new();
    private readonly IDisposable[] _subscriptions;
    private readonly List<Address> _underTest = [];
    private readonly string _probeKeyPrefix = $"testkit/{Guid.NewGuid():N}/probe/";
    private int _probes;

    /// <summary>Creates the kit and its actor system.</summary>
    /// <exception cref="ArgumentException"><see cref="ActorTestKitOptions.ConfigureSystem"/> replaced the clock or the work tracker.</exception>
    public ActorTestKit(ActorTestKitOptions? options = null)
    {
        options ??= new ActorTestKitOptions();
        Time = new VirtualClock(options.StartTime);
        var systemOptions = new ActorSystemOptions { Name = "test", TimeProvider = Time, WorkTracker = _work };
        options.ConfigureSystem?.Invoke(systemOptions);
        if (!ReferenceEquals(systemOptions.TimeProvider, Time) || !ReferenceEquals(systemOptions.WorkTracker, _work))
        {
            throw new ArgumentException(
                "ConfigureSystem must leave TimeProvider and WorkTracker as the kit set them: the kit drives the system through them.",
                nameof(options));
        }

        System = new ActorSystem(systemOptions);
        Runner = new SystemRunner(System, Time, _work, options.IdleTimeout);
        _report = new ActorReport(System, _work);
        _subscriptions =
        [
            System.DeadLetters.Subscribe(_deadLetters.Add),
            System.Errors.Subscribe(_errors.Add),
            System.Failures.Subscribe(_failures.Add),
        ];
    }

    /// <summary>The kit's actor system, on <see cref="Time"/>.</summary>
    public ActorSystem System { get; }

    /// <summary>The system's clock: it moves only when the test advances it.</summary>
    public VirtualClock Time { get; }

    /// <summary>Every dead letter so far, in order: messages that reached no live actor, with why.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters => _deadLetters.Snapshot();

    /// <summary>Every error the runtime reported without failing an actor so far (an exception in <c>OnStopped</c>, a shutdown straggler).</summary>
    public IReadOnlyList<ActorError> Errors => _errors.Snapshot();

    /// <summary>Every actor failure so far, in order: the actor and its exit reason, with the exception.</summary>
    public IReadOnlyList<ActorFailure> Failures => _failures.Snapshot();

    internal SystemRunner Runner { get; }

    /// <summary>Spawns an actor under test: failure messages of the kit and its probes show its state.</summary>
    public ActorRef<TActor> Spawn<TActor>()
        where TActor : Actor, IActorFactory<TActor> => UnderTest(System.Spawn<TActor>());

    /// <summary>Spawns an actor under test created by <paramref name="factory"/>, e.g. <c>Spawn(() => new Account(100))</c>.</summary>
    public ActorRef<TActor> Spawn<TActor>([ActorFactory] Func<TActor> factory)
        where TActor : Actor => UnderTest(System.Spawn(factory));

    /// <summary>
    /// Creates a probe that stands for an actor of class <typeparamref name="TActor"/>: its <c>Ref</c> is an
    /// <c>ActorRef&lt;TActor&gt;</c> that records what it receives. See <see cref="TestProbe{TActor}"/>.
    /// </summary>
    /// <param name="name">How failure messages name it; default the actor class and a number.</param>
    public TestProbe<TActor> CreateProbe<TActor>(string? name = null)
        where TActor : Actor, IActorCatalogue
    {
        int number = Interlocked.Increment(ref _probes);
        return new TestProbe<TActor>(this, name ?? $"{typeof(TActor).Name}-{number}", _probeKeyPrefix + number.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Lets the actors run until the system is idle: no actor has work queued or running and no timer is due (see the
    /// remarks of <see cref="ActorTestKit"/>). Time does not move.
    /// </summary>
    /// <exception cref="ActorTestException">The system did not become idle within <see cref="ActorTestKitOptions.IdleTimeout"/>; the message names the actors that kept running.</exception>
    public Task RunUntilIdleAsync() => Runner.RunUntilIdleAsync();

    /// <summary>
    /// Moves the clock forward by <paramref name="delta"/> one due timer at a time, letting the actors run until idle
    /// after each: a timer an actor sets in reaction fires within the same call when it is due by the end, and every
    /// reaction reads the time its timer was due. Compare <see cref="VirtualClock.Advance"/>, which moves at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    /// <exception cref="ActorTestException">The system did not become idle within the bound after a step.</exception>
    public async Task AdvanceAsync(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Virtual time only moves forward.");
        }

        long target = Time.GetTimestamp() + delta.Ticks;
        await Runner.RunUntilIdleAsync().ConfigureAwait(false);
        while (Time.NextDueTicks is { } due && due <= target)
        {
            Time.MoveTo(due);
            await Runner.RunUntilIdleAsync().ConfigureAwait(false);
        }

        Time.MoveTo(target);
    }

    /// <summary>
    /// Lets the actors run until <paramref name="task"/> completes (typically an ask of an actor under test) and returns
    /// its result. Fails, instead of waiting forever, when the system becomes idle first: then nothing will complete it
    /// unless the test acts (answers a probe's ask, advances the clock).
    /// </summary>
    /// <exception cref="ActorTestException">The system became idle with the task incomplete, or did not become idle within the bound.</exception>
    public async Task<T> RunUntilCompletedAsync<T>(Task<T> task)
    {
        await RunUntilCompletedAsync((Task)task).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Lets the actors run until <paramref name="task"/> completes; see <see cref="RunUntilCompletedAsync{T}"/>.</summary>
    /// <exception cref="ActorTestException">The system became idle with the task incomplete, or did not become idle within the bound.</exception>
    public async Task RunUntilCompletedAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!await Runner.RunUntilAsync(() => task.IsCompleted, () => task).ConfigureAwait(false))
        {
            throw await FailureAsync(
                "The task did not complete: the actor system became idle, so nothing will complete it unless the test acts " +
                "(an ask that went to a probe is answered with ExpectAskAsync; a timer needs the clock advanced).", []).ConfigureAwait(false);
        }

        await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Lets the actors run until the actor at <paramref name="address"/> has terminated, and returns why. Fails when the
    /// system becomes idle with the actor still alive.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is empty.</exception>
    /// <exception cref="ActorTestException">The actor is alive and the system idle, or the system did not become idle within the bound.</exception>
    public async Task<ExitReason> ExpectTerminatedAsync(Address address)
    {
        if (address.IsEmpty)
        {
            throw new ArgumentException("The address is empty.", nameof(address));
        }

        Task<ExitReason> completion = address.Completion;
        if (!await Runner.RunUntilAsync(() => completion.IsCompleted, () => completion).ConfigureAwait(false))
        {
            throw await FailureAsync($"Expected {address} to terminate, but it is alive and the actor system became idle.", []).ConfigureAwait(false);
        }

        return await completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Shuts the system down as <see cref="ActorSystem.DisposeAsync"/> does: every actor stops after its current message
    /// and runs <c>OnStopped</c>. Actors still alive once the system is idle wait for something only the test could give
    /// (a task it never completed, a timer it never advanced to), so the kit stops waiting for them then, as the system
    /// does after its shutdown timeout: their <c>StoppingToken</c> is cancelled and they are reported to
    /// <see cref="Errors"/>. The wait is bounded by <see cref="ActorTestKitOptions.IdleTimeout"/> in real time too.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var giveUp = new CancellationTokenSource(Runner.Bound);
        try
        {
            Task shutdown = System.ShutdownAsync(giveUp.Token);
            try
            {
                if (!await Runner.RunUntilAsync(() => shutdown.IsCompleted, () => shutdown).ConfigureAwait(false)
                    && System.ActorCount > 0)
                {
                    await giveUp.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (ActorTestException)
            {
                await giveUp.CancelAsync().ConfigureAwait(false); // a handler that never returns: do not wait for it twice
            }

            await shutdown.ConfigureAwait(false);
        }
        finally
        {
            foreach (IDisposable subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorTestKit at {Time.GetUtcNow():O} ({System.ActorCount} actors)";

    /// <summary>A failed expectation: <paramref name="headline"/>, what arrived instead, and the actors under test.</summary>
    internal async Task<ActorTestException> FailureAsync(string headline, IReadOnlyList<Arrival> instead)
    {
        StringBuilder text = Headline(headline, instead);
        await _report.AppendAsync(text, UnderTestSnapshot()).ConfigureAwait(false);
        return new ActorTestException(text.ToString());
    }

    /// <summary>
    /// A failed expectation found while the actors may still be running: lets them finish first, so the report shows
    /// everything that arrives and states that no longer change (a system that never becomes idle is reported as is).
    /// </summary>
    internal async Task<ActorTestException> SettledFailureAsync(string headline, Func<IReadOnlyList<Arrival>> instead)
    {
        string? unsettled = null;
        try
        {
            await Runner.RunUntilIdleAsync().ConfigureAwait(false);
        }
        catch (ActorTestException notIdle)
        {
            unsettled = notIdle.Message;
        }

        StringBuilder text = Headline(headline, instead());
        if (unsettled is null)
        {
            await _report.AppendAsync(text, UnderTestSnapshot()).ConfigureAwait(false);
        }
        else
        {
            text.AppendLine().Append(unsettled); // busy actors would not take their snapshots in time
        }

        return new ActorTestException(text.ToString());
    }

    /// <summary>The same for an expectation checked synchronously (the snapshots are waited for within their bound).</summary>
    internal ActorTestException Failure(string headline, IReadOnlyList<Arrival> instead)
    {
        StringBuilder text = Headline(headline, instead);
        _report.Append(text, UnderTestSnapshot());
        return new ActorTestException(text.ToString());
    }

    private static StringBuilder Headline(string headline, IReadOnlyList<Arrival> instead)
    {
        var text = new StringBuilder(headline);
        if (instead.Count > 0)
        {
            text.AppendLine().Append("Arrived instead, in order:");
            for (int i = 0; i < instead.Count; i++)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {i + 1}. {instead[i]}");
            }
        }

        return text;
    }

    private ActorRef<TActor> UnderTest<TActor>(ActorRef<TActor> actor)
        where TActor : Actor
    {
        lock (_underTest)
        {
            _underTest.Add(actor.Address);
        }

        return actor;
    }

    private Address[] UnderTestSnapshot()
    {
        lock (_underTest)
        {
            return [.. _underTest];
        }
    }
}

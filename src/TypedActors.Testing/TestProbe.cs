using TypedActors.Catalogue;

namespace TypedActors.Testing;

/// <summary>
/// A stand-in for an actor of class <typeparamref name="TActor"/>: give its <see cref="Ref"/> to the actor under test
/// wherever that expects an <c>ActorRef&lt;TActor&gt;</c>, and check what it receives. Create one with
/// <see cref="ActorTestKit.CreateProbe{TActor}"/>.
/// </summary>
/// <remarks>
/// <para>
/// Whatever is sent to the probe is copied as for any actor and recorded in order of arrival. Expectations take
/// arrivals from the oldest: <see cref="ExpectMessageAsync{TMessage}"/> a told message,
/// <see cref="ExpectAskAsync{TRequest}"/> an ask, which the test then answers. They wait while the actors run, and
/// fail as soon as the system is idle without the expected arrival; no wait depends on the wall clock. A failure
/// names what arrived instead, in order, and the state of the kit's actors under test.
/// </para>
/// <para>
/// The probe stands for an actor that is alive until the test calls <see cref="Terminate"/> (or an actor stops or
/// kills it); its watchers then get <see cref="Down"/>, the actors linked to it its exit signal, and later messages
/// become dead letters. It traps exits: the exit of an actor linked to it arrives as an <see cref="Exited"/> message.
/// </para>
/// </remarks>
/// <typeparam name="TActor">The actor class the probe stands for; its handlers decide what can be expected.</typeparam>
public sealed class TestProbe<TActor>
    where TActor : Actor, IActorCatalogue
{
    private readonly ActorTestKit _kit;
    private readonly ProbeInbox _inbox = new();
    private readonly ProbeProcess _process;

    internal TestProbe(ActorTestKit kit, string name, string clusterKey)
    {
        _kit = kit;
        Name = name;
        _process = new ProbeProcess(kit.System, clusterKey, typeof(TActor), _inbox);
        Ref = ActorRef<TActor>.From(_process.Address);
    }

    /// <summary>The probe's reference: to the actors that get it, an actor of class <typeparamref name="TActor"/>.</summary>
    public ActorRef<TActor> Ref { get; }

    /// <summary>The probe's name, as failure messages show it.</summary>
    public string Name { get; }

    /// <summary>Every message the probe has received so far, in order, whether an expectation has taken it or not.</summary>
    public IReadOnlyList<object> Received => _inbox.AllMessages();

    /// <summary>
    /// Waits for the next arrival and returns it when it is a <typeparamref name="TMessage"/> that was told (and
    /// satisfies <paramref name="match"/>, when given). Fails when the next arrival is anything else, or when the
    /// system becomes idle before anything arrives.
    /// </summary>
    /// <exception cref="ActorTestException">
    /// The expectation failed; <typeparamref name="TActor"/> has no handler for <typeparamref name="TMessage"/> (also
    /// TA1010 at compile time); or the system did not become idle within <see cref="ActorTestKitOptions.IdleTimeout"/>.
    /// </exception>
    public async Task<TMessage> ExpectMessageAsync<TMessage>(Func<TMessage, bool>? match = null)
    {
        string expected = $"Expected {ActorReport.Article(typeof(TMessage))}{(match is null ? "" : " that matches")} at {this}";
        HandledMessages<TActor>.CheckExpectable(typeof(TMessage), expected);
        Arrival next = await NextArrivalAsync(expected).ConfigureAwait(false);
        if (next is { Ask: null, Message: TMessage message } && (match is null || match(message)))
        {
            return message;
        }

        string why = next.Ask is null ? "" : " It was asked: take it with ExpectAskAsync and answer it.";
        throw await FailureAsync($"{expected}, but the next to arrive was {next}.{why}", taken: next).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the next arrival and returns it when it is an ask of a <typeparamref name="TRequest"/> (satisfying
    /// <paramref name="match"/>, when given), for the test to answer with the reply type of
    /// <typeparamref name="TActor"/>'s handler. Fails as <see cref="ExpectMessageAsync{TMessage}"/> does.
    /// </summary>
    /// <exception cref="ActorTestException">As for <see cref="ExpectMessageAsync{TMessage}"/>.</exception>
    public async Task<ProbeAsk<TActor, TRequest>> ExpectAskAsync<TRequest>(Func<TRequest, bool>? match = null)
    {
        string expected = $"Expected an ask of {ActorReport.Article(typeof(TRequest))}{(match is null ? "" : " that matches")} at {this}";
        HandledMessages<TActor>.CheckExpectable(typeof(TRequest), expected);
        Arrival next = await NextArrivalAsync(expected).ConfigureAwait(false);
        if (next is { Ask: { } ask, Message: TRequest request } && (match is null || match(request)))
        {
            return new ProbeAsk<TActor, TRequest>(request, next.Sender, ask);
        }

        string why = next.Ask is null && next.Message is TRequest ? " It was told, not asked: take it with ExpectMessageAsync." : "";
        throw await FailureAsync($"{expected}, but the next to arrive was {next}.{why}", taken: next).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks, without waiting, that nothing has arrived that no expectation has taken. Meaningful only once the
    /// actors have done all they will: call it after <see cref="ActorTestKit.RunUntilIdleAsync"/> (it fails when the
    /// system is not idle), or use <see cref="ExpectNoMessageAsync"/>, which runs the system until it is.
    /// </summary>
    /// <exception cref="ActorTestException">Something arrived, or the system is not idle.</exception>
    public void ExpectNoMessage()
    {
        if (!_kit.Runner.IsIdle)
        {
            throw new ActorTestException(
                $"Expected no message at {this}, but the actor system is not idle, so a message may still be on its way: " +
                "await kit.RunUntilIdleAsync() first, or use ExpectNoMessageAsync().");
        }

        if (_inbox.Pending() is { Length: > 0 } arrived)
        {
            throw _kit.Failure($"Expected no message at {this}, but {arrived.Length} arrived.", arrived);
        }
    }

    /// <summary>Runs the system until it is idle, then checks that nothing has arrived that no expectation has taken.</summary>
    /// <exception cref="ActorTestException">Something arrived, or the system did not become idle within the bound.</exception>
    public async Task ExpectNoMessageAsync()
    {
        await _kit.RunUntilIdleAsync().ConfigureAwait(false);
        if (_inbox.Pending() is { Length: > 0 } arrived)
        {
            throw await _kit.FailureAsync($"Expected no message at {this}, but {arrived.Length} arrived.", arrived).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Terminates the actor this probe stands for, with <paramref name="reason"/>: its watchers get <see cref="Down"/>,
    /// the actors linked to it the exit signal (an abnormal one ends those that do not trap exits), and messages sent to
    /// it from now on are dead letters, as for any dead actor.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is <see cref="ExitReason.NoConnection"/>, which is no exit.</exception>
    public void Terminate(ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.Kind == ExitKind.NoConnection)
        {
            throw new ArgumentException("A probe stands for an actor that exits; NoConnection says only that an actor cannot be reached.", nameof(reason));
        }

        _process.Terminate(reason);
    }

    /// <inheritdoc />
    public override string ToString() => $"probe '{Name}' ({typeof(TActor).Name})";

    /// <summary>Runs the system until something arrives; fails when it becomes idle first.</summary>
    private async Task<Arrival> NextArrivalAsync(string expected)
    {
        if (!await _kit.Runner.RunUntilAsync(() => _inbox.HasPending, () => _inbox.NextArrival).ConfigureAwait(false))
        {
            throw await _kit.FailureAsync($"{expected}, but the actor system became idle and nothing arrived.", []).ConfigureAwait(false);
        }

        return _inbox.Take().Next!;
    }

    private Task<ActorTestException> FailureAsync(string headline, Arrival taken) =>
        _kit.SettledFailureAsync(headline, () => [taken, .. _inbox.Pending()]);
}

using TypedActors.Remoting;

namespace TypedActors.Testing;

/// <summary>Something a probe received: a message, with the ask to answer when it was asked.</summary>
/// <param name="Message">The probe's copy of the message, or the <see cref="Exited"/> or <see cref="Down"/> signal it got.</param>
/// <param name="Sender">The actor that sent it, when it was sent from inside an actor's turn.</param>
/// <param name="Ask">The reply channel, when the message was asked rather than told.</param>
internal sealed record Arrival(object Message, Address? Sender, RemoteAsk? Ask)
{
    public override string ToString() =>
        $"{ActorReport.Describe(Message)}{(Ask is null ? "" : " (asked)")}{(Sender is { } sender ? $" from {sender}" : "")}";
}

/// <summary>
/// What a probe received, in order: every arrival, and those no expectation has taken yet. Each arrival completes the
/// task a waiting expectation watches, so it is seen at once rather than when the system is next idle.
/// </summary>
internal sealed class ProbeInbox
{
    private readonly object _gate = new();
    private readonly List<Arrival> _all = [];
    private readonly Queue<Arrival> _pending = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>Completes at the next arrival.</summary>
    public Task NextArrival
    {
        get
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }
    }

    public void Add(Arrival arrival)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _all.Add(arrival);
            _pending.Enqueue(arrival);
            arrived = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }

    /// <summary>Takes the oldest arrival no expectation has taken, and returns it with those still behind it.</summary>
    public (Arrival? Next, Arrival[] Behind) Take()
    {
        lock (_gate)
        {
            return _pending.TryDequeue(out Arrival? next) ? (next, [.. _pending]) : (null, []);
        }
    }

    public Arrival[] Pending()
    {
        lock (_gate)
        {
            return [.. _pending];
        }
    }

    public object[] AllMessages()
    {
        lock (_gate)
        {
            return [.. _all.Select(a => a.Message)];
        }
    }
}

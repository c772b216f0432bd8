using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TypedActors.Diagnostics;

/// <summary>
/// The names TypedActors publishes telemetry under: one <see cref="ActivitySource"/> and, per actor system, one
/// <see cref="Meter"/>, both named <c>TypedActors</c>. Everything is free when nobody listens: an actor checks once per
/// turn (up to <see cref="ActorSystemOptions.Throughput"/> messages) whether the per-message instruments are
/// <see cref="Instrument.Enabled"/> or the activity source <see cref="ActivitySource.HasListeners"/>, and a send wraps
/// its message in a trace context only when the activity source has listeners.
/// </summary>
public static class ActorTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "TypedActors";

    internal static readonly ActivitySource Source = new(Name, typeof(ActorTelemetry).Assembly.GetName().Version?.ToString());
}

/// <summary>The instruments of one actor system, tagged with its name.</summary>
internal sealed class ActorSystemMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _systemTag;

    public ActorSystemMetrics(ActorSystem system, IMeterFactory? factory)
    {
        _systemTag = new KeyValuePair<string, object?>("typedactors.system", system.Name);
        _meter = factory?.Create(ActorTelemetry.Name) ?? new Meter(ActorTelemetry.Name);
        Processed = _meter.CreateCounter<long>("typedactors.messages.processed", "{message}", "Messages dispatched to a handler.");
        DeadLetters = _meter.CreateCounter<long>("typedactors.dead_letters", "{message}", "Messages that reached no live actor.");
        HandlerDuration = _meter.CreateHistogram<double>("typedactors.handler.duration", "s", "Time from dispatch to the completion of a handler.");
        _meter.CreateObservableUpDownCounter(
            "typedactors.actors", () => new Measurement<long>(system.ActorCount, _systemTag), "{actor}", "Live actors.");
        _meter.CreateObservableUpDownCounter(
            "typedactors.mailbox.depth", () => MailboxDepths(system), "{message}",
            "Messages waiting in mailboxes, summed over the live actors of each class (computed when observed).");
    }

    public Counter<long> Processed { get; }

    public Counter<long> DeadLetters { get; }

    public Histogram<double> HandlerDuration { get; }

    /// <summary>Whether a listener takes the per-message measurements (read by each actor once per turn).</summary>
    public bool MeasuresMessages => Processed.Enabled || HandlerDuration.Enabled;

    public void MessageProcessed(Type actorType) =>
        Processed.Add(1, _systemTag, new KeyValuePair<string, object?>("typedactors.actor.type", actorType.Name));

    public void HandlerCompleted(Type actorType, long startTimestamp) =>
        HandlerDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            _systemTag,
            new KeyValuePair<string, object?>("typedactors.actor.type", actorType.Name));

    public void DeadLetter(DeadLetterReason reason) =>
        DeadLetters.Add(1, _systemTag, new KeyValuePair<string, object?>("typedactors.reason", reason.ToString()));

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> MailboxDepths(ActorSystem system)
    {
        foreach ((Type actorType, long depth) in system.QueuedMessagesByType())
        {
            yield return new Measurement<long>(depth, _systemTag, new KeyValuePair<string, object?>("typedactors.actor.type", actorType.Name));
        }
    }
}

/// <summary>A message sent while an activity was current, carrying its context to the handler. Only used when traced.</summary>
internal sealed class TracedMessage(object message, ActivityContext parent)
{
    public object Message { get; } = message;

    public ActivityContext Parent { get; } = parent;
}

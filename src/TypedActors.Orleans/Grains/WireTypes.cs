using Orleans.Runtime;

namespace TypedActors.Orleans.Grains;

/// <summary>An <see cref="ExitReason"/> as it crosses the Orleans boundary.</summary>
[GenerateSerializer, Immutable]
internal sealed record WireExitReason(
    [property: Id(0)] int Kind,
    [property: Id(1)] string? ExceptionType,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? StackTrace)
{
    public static WireExitReason From(ExitReason reason) => new((int)reason.Kind, reason.ExceptionType, reason.Message, reason.StackTrace);

    public ExitReason ToReason() => (ExitKind)Kind switch
    {
        ExitKind.Normal => ExitReason.Normal,
        ExitKind.Killed => ExitReason.Killed,
        ExitKind.NoProcess => ExitReason.NoProcess,
        ExitKind.NoConnection => ExitReason.NoConnection,
        _ => new ExitReason((ExitKind)Kind, ExceptionType, Message, StackTrace),
    };
}

/// <summary>What a <see cref="ActorSignal"/> asks the receiving actor to do.</summary>
[GenerateSerializer]
internal enum SignalKind
{
    /// <summary><c>From</c> links to the actor.</summary>
    Link,

    /// <summary><c>From</c> removes its link.</summary>
    Unlink,

    /// <summary><c>From</c> monitors the actor.</summary>
    Monitor,

    /// <summary><c>From</c> removes its monitor.</summary>
    Demonitor,

    /// <summary><c>From</c>, linked to the actor, terminated with <c>Reason</c>.</summary>
    Exit,

    /// <summary><c>From</c>, monitored by the actor, terminated with <c>Reason</c>.</summary>
    Down,

    /// <summary>Kill the actor with <c>Reason</c>.</summary>
    Kill,

    /// <summary>Stop the actor after its current message.</summary>
    Stop,
}

/// <summary>A lifecycle signal between actors in different processes.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="From">The cluster key of the other actor involved, if any.</param>
/// <param name="FromType">That actor's class name.</param>
/// <param name="Reason">The exit reason carried by <see cref="SignalKind.Exit"/>, <see cref="SignalKind.Down"/> and <see cref="SignalKind.Kill"/>.</param>
/// <param name="FromSilo">
/// The silo hosting <paramref name="From"/>, so its loss can be detected; null for a client, whose loss is detected by
/// probing the node endpoint that <paramref name="From"/> names (see <see cref="RelationPeer.Of"/>).
/// </param>
[GenerateSerializer, Immutable]
internal sealed record ActorSignal(
    [property: Id(0)] SignalKind Kind,
    [property: Id(1)] string? From,
    [property: Id(2)] string? FromType,
    [property: Id(3)] WireExitReason? Reason,
    [property: Id(4)] SiloAddress? FromSilo);

/// <summary>The answer to a signal or an Init.</summary>
/// <param name="AlreadyDead">Set when the actor is not alive: why.</param>
/// <param name="Host">The silo hosting the actor, so its loss can be detected (null for a client: see <see cref="RelationPeer.Of"/>).</param>
/// <param name="Error">Why an Init failed.</param>
[GenerateSerializer, Immutable]
internal sealed record SignalResult(
    [property: Id(0)] WireExitReason? AlreadyDead,
    [property: Id(1)] SiloAddress? Host,
    [property: Id(2)] string? Error = null);

/// <summary>The position of a delivery in its sender's stream to one actor (see <see cref="SequencedInbox"/>).</summary>
/// <param name="Channel">The sending process's node id.</param>
/// <param name="Number">1, 2, 3... per sending process and receiving actor.</param>
[GenerateSerializer, Immutable]
internal readonly record struct Sequence([property: Id(0)] Guid Channel, [property: Id(1)] long Number);

namespace TypedActors.Introspection;

/// <summary>
/// One live local actor as an operator tool sees it at a moment (see <see cref="ActorIntrospection.Sample"/>). Reading
/// it costs the actor nothing: the values are plain reads of what the actor's turn maintains anyway, so each may be a
/// moment old.
/// </summary>
/// <param name="Address">The actor. A capability: a tool must not show or accept it in a form that can be forged.</param>
/// <param name="Parent">The actor that spawned it, or <c>default</c> for an actor spawned by the system.</param>
/// <param name="ActorType">The actor's class.</param>
/// <param name="Status">Where the actor is in its lifecycle.</param>
/// <param name="QueuedMessages">Messages waiting in its mailbox, approximate while it runs.</param>
/// <param name="MessagesHandled">
/// Messages dispatched to its handlers since it was spawned (across restarts), counted within its own turns. The count
/// wraps around at 2^32: compute rates from the difference of two samples in unsigned arithmetic.
/// </param>
public readonly record struct ActorSample(
    Address Address,
    Address Parent,
    Type ActorType,
    ActorStatus Status,
    long QueuedMessages,
    uint MessagesHandled);

/// <summary>Where an actor is in its lifecycle, as an <see cref="ActorSample"/> reports it.</summary>
public enum ActorStatus
{
    /// <summary>Spawned; <c>OnStarted</c> has not finished.</summary>
    Starting,

    /// <summary>Handling messages (or idle, waiting for one).</summary>
    Running,

    /// <summary>Its instance ended and its supervisor decides whether to restart it; its messages wait.</summary>
    Restarting,

    /// <summary>Stopping: no more messages are dispatched; <c>OnStopped</c> may still run.</summary>
    Terminating,

    /// <summary>Terminated.</summary>
    Dead,
}

/// <summary>An actor's relations, as <see cref="ActorIntrospection.GetRelations"/> reports them.</summary>
/// <param name="Parent">The actor that spawned it, or <c>default</c>.</param>
/// <param name="Children">The live actors it spawned.</param>
/// <param name="Links">The actors linked to it (an abnormal exit of one ends the other unless it traps exits).</param>
/// <param name="Monitors">The actors it monitors.</param>
/// <param name="MonitoredBy">The actors monitoring it.</param>
public sealed record ActorRelations(
    Address Parent,
    IReadOnlyList<Address> Children,
    IReadOnlyList<Address> Links,
    IReadOnlyList<Address> Monitors,
    IReadOnlyList<Address> MonitoredBy);

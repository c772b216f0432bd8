namespace TypedActors;

/// <summary>
/// Makes an actor durable by event sourcing. Its handlers change its state only by <c>Persist(event)</c>: the event is
/// stored in the system's journal, and once it is durable the actor's <see cref="ApplyAttribute">[Apply]</see> method
/// for the event's type runs. Spawned with <c>SpawnPersistentAsync&lt;T&gt;(persistenceId)</c>, the actor first
/// recovers: it loads its latest snapshot (every field it declares) and applies the events stored after it.
/// </summary>
/// <remarks>The source generator writes the actor's event and snapshot formats; see docs/persistence.md.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PersistentAttribute : Attribute
{
    /// <summary>
    /// How many events apart snapshots of the actor's fields are written, so that recovery replays at most this many
    /// events after loading the latest one. Default 1,000; 0 writes no snapshots (recovery replays every event).
    /// </summary>
    public int SnapshotEvery { get; set; } = 1000;
}

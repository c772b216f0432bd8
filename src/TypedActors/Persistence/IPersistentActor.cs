using System.ComponentModel;
using MessagePack;

namespace TypedActors.Persistence;

/// <summary>
/// What the source generator implements for every <see cref="PersistentAttribute">[Persistent]</see> actor: its
/// <see cref="ApplyAttribute">[Apply]</see> dispatch and the formats of its events and snapshots, all generated code
/// with no reflection. Not for application code; <c>SpawnPersistentAsync&lt;T&gt;</c> requires it, so that only a
/// persistent actor can be spawned with a persistence id.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPersistentActor
{
    /// <summary><see cref="PersistentAttribute.SnapshotEvery"/> of the actor's class.</summary>
    int SnapshotEvery { get; }

    /// <summary>Runs the <c>[Apply]</c> method for the event's runtime type.</summary>
    /// <exception cref="ArgumentException">The actor has no <c>[Apply]</c> method for the event's type.</exception>
    void ApplyEvent(object @event);

    /// <summary>Writes an event as <c>[typeName, body]</c>, the body by the event type's generated formatter.</summary>
    /// <exception cref="ArgumentException">The actor has no <c>[Apply]</c> method for the event's type.</exception>
    void WriteEvent(ref MessagePackWriter writer, object @event, MessagePackSerializerOptions options);

    /// <summary>Reads an event written by <see cref="WriteEvent"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are no event this actor knows.</exception>
    object ReadEvent(ref MessagePackReader reader, MessagePackSerializerOptions options);

    /// <summary>Writes every field the actor's class declares (not <c>[NotState]</c>) as a map keyed by field name.</summary>
    void WriteSnapshot(ref MessagePackWriter writer, MessagePackSerializerOptions options);

    /// <summary>
    /// Restores the fields from a snapshot written by <see cref="WriteSnapshot"/>: all of them or, when reading fails,
    /// none. A field the snapshot lacks keeps the value the constructor gave it; an unknown key is skipped.
    /// </summary>
    /// <exception cref="MessagePackSerializationException">The snapshot cannot be read; no field was changed.</exception>
    void ReadSnapshot(ref MessagePackReader reader, MessagePackSerializerOptions options);
}

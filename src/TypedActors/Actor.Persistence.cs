using TypedActors.Persistence;

namespace TypedActors;

public abstract partial class Actor
{
    /// <summary>
    /// Stores <paramref name="event"/> in the journal and, once it is durable, applies it with the actor's
    /// <see cref="ApplyAttribute">[Apply]</see> method for its type. Await it: the handler resumes after the event is
    /// stored and applied. Only in a <see cref="PersistentAttribute">[Persistent]</see> actor.
    /// </summary>
    /// <returns>Completes once the event is durable and applied; fails, with nothing applied, when it could not be stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    /// <exception cref="ArgumentException">The actor has no <c>[Apply]</c> method for the event's type.</exception>
    /// <exception cref="InvalidOperationException">
    /// The actor is not persistent or was not spawned with a persistence id, it is recovering (an <c>[Apply]</c>
    /// method called this), or the call is not on the actor's own turn.
    /// </exception>
    protected Task Persist(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Persistence().Persist(this, [@event]);
    }

    /// <summary>
    /// Stores <paramref name="events"/> atomically (all or none) and, once they are durable, applies them in order. See
    /// <see cref="Persist(object)"/>.
    /// </summary>
    protected Task Persist(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Persistence().Persist(this, [.. events]);
    }

    private PersistenceBinding Persistence() => Cell.Persistence ?? throw new InvalidOperationException(this is IPersistentActor
        ? $"{GetType().Name} is [Persistent] but was spawned without a persistence id: spawn it with SpawnPersistentAsync<{GetType().Name}>(persistenceId)."
        : $"{GetType().Name} is not persistent: mark it [Persistent], give it [Apply] methods, and spawn it with SpawnPersistentAsync<{GetType().Name}>(persistenceId).");
}

namespace TypedActors.Persistence;

/// <summary>A journal or snapshot store failed, or an event could not be stored or read.</summary>
public class PersistenceException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public PersistenceException(string persistenceId, string message, Exception? innerException = null)
        : base(message, innerException) => PersistenceId = persistenceId;

    /// <summary>The persistence id concerned.</summary>
    public string PersistenceId { get; }
}

/// <summary>
/// A persistence id is owned by another live actor, in this process or in another one using the same store: one
/// persistence id has at most one live actor, so that two writers never interleave its events.
/// </summary>
public sealed class PersistenceIdInUseException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public PersistenceIdInUseException(string persistenceId, string? owner = null)
        : base(
            persistenceId,
            $"Persistence id '{persistenceId}' is already owned by a live actor{(owner is null ? "" : " (" + owner + ")")}; one persistence id has at most one live actor. Stop that actor first, or use another id.")
    {
        Owner = owner;
    }

    /// <summary>Who owns the id, as far as the journal can tell (for example a process), or null.</summary>
    public string? Owner { get; }
}

/// <summary>
/// A write was refused because the stream is not as the writer believed: another writer appended to it (its last
/// sequence number differs from the expected one), or the writer's lease was released or taken over. Nothing was stored.
/// </summary>
public sealed class PersistenceConflictException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public PersistenceConflictException(string persistenceId, string message)
        : base(persistenceId, message)
    {
    }
}

/// <summary>A persistent actor could not recover its state: a stored snapshot or event could not be read or applied.</summary>
public sealed class PersistenceRecoveryException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public PersistenceRecoveryException(string persistenceId, long sequenceNr, string message, Exception? innerException = null)
        : base(persistenceId, message, innerException) => SequenceNr = sequenceNr;

    /// <summary>The sequence number of the event that failed, or 0 when the failure was not an event's.</summary>
    public long SequenceNr { get; }
}

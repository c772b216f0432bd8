namespace TypedActors.Persistence;

/// <summary>
/// Ownership of one persistence id, granted by <see cref="IJournal.AcquireAsync"/>: the right to append to its stream
/// and save its snapshots until it is released or its owner dies. A journal derives its own lease type, which carries
/// what it needs to check the lease on each write.
/// </summary>
public abstract class PersistenceLease
{
    /// <summary>Creates the lease.</summary>
    /// <param name="persistenceId">The id it owns.</param>
    /// <param name="epoch">
    /// How many times the id has been acquired, this time included: a lease granted later has a higher epoch, which
    /// is how a store tells a current owner from a stale one (fencing).
    /// </param>
    protected PersistenceLease(string persistenceId, long epoch)
    {
        PersistenceIds.Validate(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        PersistenceId = persistenceId;
        Epoch = epoch;
    }

    /// <summary>The persistence id this lease owns.</summary>
    public string PersistenceId { get; }

    /// <summary>The fencing epoch: higher for every later acquisition of the same id.</summary>
    public long Epoch { get; }

    /// <inheritdoc />
    public override string ToString() => $"lease of '{PersistenceId}' (epoch {Epoch})";
}

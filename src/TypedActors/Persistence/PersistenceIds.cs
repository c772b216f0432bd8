namespace TypedActors.Persistence;

/// <summary>What a persistence id may be: the one check every journal and spawn applies.</summary>
public static class PersistenceIds
{
    /// <summary>The longest persistence id, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws unless <paramref name="persistenceId"/> is 1 to <see cref="MaxLength"/> characters, none of them a control character.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="persistenceId"/> is null.</exception>
    /// <exception cref="ArgumentException">It is empty, too long or contains a control character.</exception>
    public static void Validate(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (persistenceId.Length is 0 or > MaxLength)
        {
            throw new ArgumentException(
                $"A persistence id is 1 to {MaxLength} characters; this one has {persistenceId.Length}.", nameof(persistenceId));
        }

        foreach (char c in persistenceId)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("A persistence id may not contain control characters.", nameof(persistenceId));
            }
        }
    }
}

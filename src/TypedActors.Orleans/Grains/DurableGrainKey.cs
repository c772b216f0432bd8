namespace TypedActors.Orleans.Grains;

/// <summary>
/// The grain key of a durable actor, <c>{actor class}/durable:{persistence id}</c>: its persistence id is its identity
/// in the cluster, so any activation of the grain, on any silo, knows which stream to recover the actor from.
/// </summary>
internal static class DurableGrainKey
{
    private const string Marker = "durable:";

    /// <summary>The id part of the grain key (after <c>{actor class}/</c>) of the durable actor <paramref name="persistenceId"/>.</summary>
    public static string Id(string persistenceId) => Marker + persistenceId;

    /// <summary>True when <paramref name="grainKey"/> names a durable actor; then its class and persistence id.</summary>
    public static bool TryParse(string grainKey, out string kind, out string persistenceId)
    {
        // An actor class's full name has no '/', so the first one ends it; a named actor's id may contain "durable:".
        int slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && string.CompareOrdinal(grainKey, slash + 1, Marker, 0, Marker.Length) == 0 && grainKey.Length > slash + 1 + Marker.Length)
        {
            kind = grainKey[..slash];
            persistenceId = grainKey[(slash + 1 + Marker.Length)..];
            return true;
        }

        kind = persistenceId = string.Empty;
        return false;
    }
}

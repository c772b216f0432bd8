namespace TypedActors.Http;

/// <summary>Which strings may name an actor or a kind in a URL: URL-safe, bounded, never only dots.</summary>
internal static class ActorIds
{
    public static bool IsValid(string? id, int maxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength)
        {
            return false;
        }

        bool onlyDots = true;
        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            {
                return false;
            }

            onlyDots &= c == '.';
        }

        return !onlyDots; // "." and ".." are path segments, not names
    }
}

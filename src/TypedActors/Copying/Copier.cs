namespace TypedActors.Copying;

/// <summary>
/// The deep copier of <typeparamref name="T"/>, bound statically: generated module initializers fill it in for every
/// message and reply type and every type they contain. A type proven (or declared) immutable is not copied at all.
/// </summary>
public static class Copier<T>
{
    private static Func<T, T>? s_copy;
    private static bool s_immutable;

    /// <summary>True once a copier for <typeparamref name="T"/> has been registered.</summary>
    public static bool IsRegistered { get; private set; }

    /// <summary>True when <typeparamref name="T"/> is passed by reference because it never changes.</summary>
    public static bool IsImmutable => s_immutable;

    /// <summary>Returns a deep copy of <paramref name="value"/>, or the value itself when its type is immutable.</summary>
    /// <exception cref="MessageNotCopyableException">No copier is registered for <typeparamref name="T"/>.</exception>
    /// <exception cref="MessageCycleException">The value refers back to itself.</exception>
    public static T Copy(T value)
    {
        if (s_immutable || value is null)
        {
            return value;
        }

        Func<T, T> copy = s_copy ?? throw new MessageNotCopyableException(typeof(T));
        return copy(value);
    }

    internal static void Set(Func<T, T>? copy)
    {
        // Registration happens in module initializers, before any code of the registering module runs; the first
        // registration wins so two assemblies that both generate a copier for a shared type agree on one.
        if (IsRegistered)
        {
            return;
        }

        s_copy = copy;
        s_immutable = copy is null;
        IsRegistered = true;
    }
}

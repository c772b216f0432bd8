using System.Collections.Immutable;
using System.ComponentModel;

namespace TypedActors.CompilerServices;

/// <summary>
/// Deep copies of the collection shapes messages may contain, called by generated copiers. An element copier of
/// <see langword="null"/> means the elements are immutable and are shared, so only the collection itself is copied.
/// Comparers of dictionaries and sets are kept.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CollectionCopiers
{
    /// <summary>Copies an array.</summary>
    [return: NotNullIfNotNull(nameof(array))]
    public static T[]? Array<T>(T[]? array, Func<T, T>? copyElement)
    {
        if (array is null)
        {
            return null;
        }

        if (copyElement is null)
        {
            return array.Length == 0 ? array : (T[])array.Clone(); // an empty array cannot be mutated
        }

        var copy = new T[array.Length];
        for (int i = 0; i < array.Length; i++)
        {
            copy[i] = copyElement(array[i]);
        }

        return copy;
    }

    /// <summary>Copies a list.</summary>
    [return: NotNullIfNotNull(nameof(list))]
    public static List<T>? List<T>(List<T>? list, Func<T, T>? copyElement)
    {
        if (list is null)
        {
            return null;
        }

        if (copyElement is null)
        {
            return new List<T>(list);
        }

        var copy = new List<T>(list.Count);
        foreach (T item in list)
        {
            copy.Add(copyElement(item));
        }

        return copy;
    }

    /// <summary>Copies a hash set, keeping its comparer.</summary>
    [return: NotNullIfNotNull(nameof(set))]
    public static HashSet<T>? HashSet<T>(HashSet<T>? set, Func<T, T>? copyElement)
    {
        if (set is null)
        {
            return null;
        }

        if (copyElement is null)
        {
            return new HashSet<T>(set, set.Comparer);
        }

        var copy = new HashSet<T>(set.Count, set.Comparer);
        foreach (T item in set)
        {
            copy.Add(copyElement(item));
        }

        return copy;
    }

    /// <summary>Copies a dictionary, keeping its comparer.</summary>
    [return: NotNullIfNotNull(nameof(dictionary))]
    public static Dictionary<TKey, TValue>? Dictionary<TKey, TValue>(
        Dictionary<TKey, TValue>? dictionary, Func<TKey, TKey>? copyKey, Func<TValue, TValue>? copyValue)
        where TKey : notnull
    {
        if (dictionary is null)
        {
            return null;
        }

        if (copyKey is null && copyValue is null)
        {
            return new Dictionary<TKey, TValue>(dictionary, dictionary.Comparer);
        }

        var copy = new Dictionary<TKey, TValue>(dictionary.Count, dictionary.Comparer);
        foreach (KeyValuePair<TKey, TValue> pair in dictionary)
        {
            copy.Add(copyKey is null ? pair.Key : copyKey(pair.Key), copyValue is null ? pair.Value : copyValue(pair.Value));
        }

        return copy;
    }

    /// <summary>
    /// Copies a sequence typed as an interface (IEnumerable, IReadOnlyCollection, IReadOnlyList) into a new array, since
    /// the implementation behind the interface may be mutable.
    /// </summary>
    [return: NotNullIfNotNull(nameof(sequence))]
    public static T[]? Sequence<T>(IEnumerable<T>? sequence, Func<T, T>? copyElement)
    {
        if (sequence is null)
        {
            return null;
        }

        var copy = new List<T>(sequence is IReadOnlyCollection<T> sized ? sized.Count : 4);
        foreach (T item in sequence)
        {
            copy.Add(copyElement is null ? item : copyElement(item));
        }

        return [.. copy];
    }

    /// <summary>Copies a collection typed as IList or ICollection into a new list.</summary>
    [return: NotNullIfNotNull(nameof(sequence))]
    public static List<T>? ListOf<T>(IEnumerable<T>? sequence, Func<T, T>? copyElement)
    {
        if (sequence is null)
        {
            return null;
        }

        var copy = new List<T>();
        foreach (T item in sequence)
        {
            copy.Add(copyElement is null ? item : copyElement(item));
        }

        return copy;
    }

    /// <summary>Copies a dictionary typed as IDictionary or IReadOnlyDictionary into a new dictionary.</summary>
    [return: NotNullIfNotNull(nameof(pairs))]
    public static Dictionary<TKey, TValue>? DictionaryOf<TKey, TValue>(
        IEnumerable<KeyValuePair<TKey, TValue>>? pairs, Func<TKey, TKey>? copyKey, Func<TValue, TValue>? copyValue)
        where TKey : notnull
    {
        if (pairs is null)
        {
            return null;
        }

        var copy = new Dictionary<TKey, TValue>();
        foreach (KeyValuePair<TKey, TValue> pair in pairs)
        {
            copy.Add(copyKey is null ? pair.Key : copyKey(pair.Key), copyValue is null ? pair.Value : copyValue(pair.Value));
        }

        return copy;
    }

    /// <summary>Copies the elements of an immutable array (the array itself cannot change).</summary>
    public static ImmutableArray<T> ImmutableArray<T>(ImmutableArray<T> array, Func<T, T> copyElement)
    {
        if (array.IsDefaultOrEmpty)
        {
            return array;
        }

        ImmutableArray<T>.Builder builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<T>(array.Length);
        foreach (T item in array)
        {
            builder.Add(copyElement(item));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Copies the elements of an immutable list.</summary>
    [return: NotNullIfNotNull(nameof(list))]
    public static ImmutableList<T>? ImmutableList<T>(ImmutableList<T>? list, Func<T, T> copyElement)
    {
        if (list is null)
        {
            return null;
        }

        ImmutableList<T>.Builder builder = System.Collections.Immutable.ImmutableList.CreateBuilder<T>();
        foreach (T item in list)
        {
            builder.Add(copyElement(item));
        }

        return builder.ToImmutable();
    }

    /// <summary>Copies the elements of an immutable hash set, keeping its comparer.</summary>
    [return: NotNullIfNotNull(nameof(set))]
    public static ImmutableHashSet<T>? ImmutableHashSet<T>(ImmutableHashSet<T>? set, Func<T, T> copyElement)
    {
        if (set is null)
        {
            return null;
        }

        ImmutableHashSet<T>.Builder builder = System.Collections.Immutable.ImmutableHashSet.CreateBuilder(set.KeyComparer);
        foreach (T item in set)
        {
            builder.Add(copyElement(item));
        }

        return builder.ToImmutable();
    }

    /// <summary>Copies the keys and values of an immutable dictionary, keeping its comparers.</summary>
    [return: NotNullIfNotNull(nameof(dictionary))]
    public static ImmutableDictionary<TKey, TValue>? ImmutableDictionary<TKey, TValue>(
        ImmutableDictionary<TKey, TValue>? dictionary, Func<TKey, TKey>? copyKey, Func<TValue, TValue>? copyValue)
        where TKey : notnull
    {
        if (dictionary is null)
        {
            return null;
        }

        ImmutableDictionary<TKey, TValue>.Builder builder =
            System.Collections.Immutable.ImmutableDictionary.CreateBuilder(dictionary.KeyComparer, dictionary.ValueComparer);
        foreach (KeyValuePair<TKey, TValue> pair in dictionary)
        {
            builder.Add(copyKey is null ? pair.Key : copyKey(pair.Key), copyValue is null ? pair.Value : copyValue(pair.Value));
        }

        return builder.ToImmutable();
    }

    /// <summary>Copies a nullable value type.</summary>
    public static T? Nullable<T>(T? value, Func<T, T> copy)
        where T : struct =>
        value is { } present ? copy(present) : null;

    /// <summary>Copies a reference that may be null (used for <see cref="Tuple"/> and similar inline shapes).</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static T? Reference<T>(T? value, Func<T, T> copy)
        where T : class =>
        value is null ? null : copy(value);
}

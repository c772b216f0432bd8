namespace TypedActors.Testing;

/// <summary>Events of one of the system's streams (dead letters, errors, failures), kept in the order they were published.</summary>
internal sealed class RecordedEvents<T>
{
    private readonly List<T> _events = [];

    public void Add(T value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }

    /// <summary>The events so far, as a list that later events do not change.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }
}

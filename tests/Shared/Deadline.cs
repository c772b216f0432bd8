namespace TypedActors.Testing;

/// <summary>Bounded waits: a test that would hang fails instead, with the time it waited.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Default);

    public static Task Within(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Default);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or the deadline passes. The condition must not block: to poll
    /// something asynchronous (an ask), use <see cref="Eventually.Holds{T}"/>, which bounds each probe by the deadline.
    /// </summary>
    public static Task Until(Func<bool> condition, TimeSpan? timeout = null) => Eventually.Holds(condition, timeout);
}

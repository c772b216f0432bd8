namespace TypedActors.Testing;

/// <summary>Polling with a deadline that nothing can outlast: neither the condition nor a probe that never answers.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Probes until <paramref name="condition"/> holds for the value the probe returns, and returns that value. Each
    /// probe may take only the time left before the deadline; a probe still running then fails the wait as a
    /// condition that never held does, with a <see cref="TimeoutException"/> naming the last value seen.
    /// </summary>
    public static Task<T> Holds<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? deadline = null) =>
        Poll(probe, condition, deadline, value => $"; last value: {Describe(value)}");

    /// <summary>Polls <paramref name="condition"/>, which must not block, until it holds or the deadline passes.</summary>
    public static Task Holds(Func<bool> condition, TimeSpan? deadline = null) =>
        Poll(() => Task.FromResult(condition()), holds => holds, deadline, _ => "");

    private static async Task<T> Poll<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? deadline, Func<T, string> lastSeen)
    {
        TimeSpan limit = deadline ?? Deadline.Default;
        DateTime until = DateTime.UtcNow + limit;
        string last = "";
        while (true)
        {
            TimeSpan left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The condition did not hold within {limit.TotalSeconds:F1} s{last}.");
            }

            Task<T> probing = probe();
            T value;
            try
            {
                value = await probing.WaitAsync(left);
            }
            catch (TimeoutException) when (!probing.IsCompleted)
            {
                throw new TimeoutException($"A probe was still running when the {limit.TotalSeconds:F1} s deadline passed{last}.");
            }

            if (condition(value))
            {
                return value;
            }

            last = lastSeen(value);
            await Task.Delay(PollInterval);
        }
    }

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object>()) + "]"
        : value?.ToString() ?? "null";
}

namespace TypedActors.Benchmarks.Shared;

/// <summary>
/// Bounds the wait for one benchmark invocation, so a framework that stalls (e.g. loses a wake-up and leaves a
/// message in a mailbox nobody schedules) fails that benchmark with a clear error instead of hanging the whole suite.
/// </summary>
public static class Deadline
{
    public static readonly TimeSpan PerInvocation = TimeSpan.FromMinutes(1);

    public static async Task Within(Task work, string what)
    {
        try
        {
            await work.WaitAsync(PerInvocation).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"{what} did not finish within {PerInvocation.TotalSeconds:0} s: the framework stalled with work left undone.", exception);
        }
    }
}

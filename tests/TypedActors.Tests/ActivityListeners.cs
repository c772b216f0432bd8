using System.Diagnostics;

namespace TypedActors.Tests;

/// <summary>Activity listeners for tests that need activities to be created (and so trace contexts to travel).</summary>
internal static class ActivityListeners
{
    /// <summary>Listens to, and records every activity of, the sources <paramref name="listensTo"/> accepts, until disposed.</summary>
    public static ActivityListener Listen(Func<ActivitySource, bool> listensTo)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = listensTo,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

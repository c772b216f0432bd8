using System.Diagnostics;
using System.Globalization;
using System.Text;
using TypedActors.Introspection;

namespace TypedActors.Testing;

/// <summary>
/// Lets a kit's actors run until they are idle or a condition holds, without polling: it waits for the system's work
/// count to reach zero (<see cref="WorkTracker.WhenIdle"/>) or for a sign that the condition may hold now, fires the
/// timers that are due, and looks again. Bounded in real time: a system that never becomes idle fails with a report of
/// what kept running.
/// </summary>
internal sealed class SystemRunner(ActorSystem system, VirtualClock clock, WorkTracker work, TimeSpan bound)
{
    /// <summary>How long a livelock report watches the actors to see which of them keep running.</summary>
    private static readonly TimeSpan ObservationWindow = TimeSpan.FromMilliseconds(200);

    public TimeSpan Bound => bound;

    /// <summary>No turn is queued or running and no timer is due.</summary>
    public bool IsIdle => work.PendingWork == 0 && !(clock.NextDueTicks <= clock.GetTimestamp());

    public Task RunUntilIdleAsync() => RunUntilAsync(static () => false, wake: null);

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (true) or the system is idle while it does not (false).
    /// <paramref name="wake"/> returns a task that completes when the condition may have come to hold (a probe's next
    /// arrival, an awaited task), so a condition that holds before the system is idle is seen at once.
    /// </summary>
    /// <exception cref="ActorTestException">The system did not become idle within the bound.</exception>
    public async Task<bool> RunUntilAsync(Func<bool> condition, Func<Task>? wake)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task? woken = wake?.Invoke(); // before the look at the condition, so nothing that happens after it is missed
            if (condition())
            {
                return true;
            }

            Task idle = work.WhenIdle();
            if (idle.IsCompleted)
            {
                if (clock.FireDue(clock.GetTimestamp()) || work.PendingWork != 0)
                {
                    continue; // a due timer, or work that began meanwhile: not idle yet
                }

                return condition();
            }

            TimeSpan left = bound - Stopwatch.GetElapsedTime(started);
            try
            {
                Task next = woken is null ? idle : Task.WhenAny(idle, woken);
                await next.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw await NotIdleAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>What kept running: the actors that handled messages while watched, or that have messages they do not handle.</summary>
    private async Task<ActorTestException> NotIdleAsync()
    {
        var before = new List<ActorSample>();
        ActorIntrospection.Sample(system, before);
        await Task.Delay(ObservationWindow).ConfigureAwait(false);
        var after = new List<ActorSample>();
        ActorIntrospection.Sample(system, after);

        Dictionary<Address, uint> handledBefore = before.ToDictionary(s => s.Address, s => s.MessagesHandled);
        var busy = after
            .Select(s => (Sample: s, Handled: unchecked(s.MessagesHandled - handledBefore.GetValueOrDefault(s.Address))))
            .Where(s => s.Handled > 0 || s.Sample.QueuedMessages > 0)
            .OrderByDescending(s => s.Handled)
            .ThenByDescending(s => s.Sample.QueuedMessages)
            .ToList();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The actor system did not become idle within {bound.TotalSeconds:0.#} s: ")
            .Append(CultureInfo.InvariantCulture, $"{work.PendingWork} turn(s) still queued or running.");
        if (busy.Count == 0)
        {
            text.AppendLine().Append("No actor handled a message or had one queued while watched: work outside the actors (a timer callback or a continuation on the thread pool) kept running.");
        }
        else
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"Actors that kept running (messages handled in {ObservationWindow.TotalMilliseconds:0} ms, messages queued):");
            foreach ((ActorSample sample, uint handled) in busy.Take(10))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {sample.Address} ({sample.Status}): {handled:N0} handled, {sample.QueuedMessages:N0} queued");
            }

            if (busy.Count > 10)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  and {busy.Count - 10} more");
            }

            text.AppendLine().Append("Actors that keep sending each other messages never become idle (a livelock); an actor with queued messages that handles none is blocked inside a handler.");
        }

        return new ActorTestException(text.ToString());
    }
}

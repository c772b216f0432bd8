using System.Globalization;
using System.Text;
using MessagePack;
using TypedActors.Copying.Serialization;
using TypedActors.Introspection;
using TypedActors.State;

namespace TypedActors.Testing;

/// <summary>
/// The part of a failure message that describes the actors: the state snapshot of each actor under test (taken by the
/// actor itself between two messages, as the HTTP gateway's GET does) and the handlers that are awaiting something.
/// </summary>
internal sealed class ActorReport(ActorSystem system, WorkTracker work)
{
    /// <summary>How long a snapshot may take: the system is idle when a report is written, so one short turn.</summary>
    private static readonly TimeSpan CaptureBound = TimeSpan.FromSeconds(2);

    /// <summary>At most this many actors are described; a test with more names the rest by count.</summary>
    private const int MaxActors = 10;

    private const int MaxTextLength = 400;

    private readonly ActorMessagePackOptions _wire = ActorMessagePack.CreateOptions(system);

    /// <summary>A message as a failure message shows it: its <c>ToString()</c>, cut short when very long.</summary>
    public static string Describe(object? message) => Shorten(message?.ToString() ?? "null");

    /// <summary>A type's name with its indefinite article: "a Deposit", "an Audit".</summary>
    public static string Article(Type type) => ("AEIOU".Contains(type.Name[0], StringComparison.Ordinal) ? "an " : "a ") + type.Name;

    public static string Shorten(string text) => text.Length <= MaxTextLength ? text : string.Concat(text.AsSpan(0, MaxTextLength), "…");

    /// <summary>Appends the actors under test and the awaiting handlers to <paramref name="text"/>.</summary>
    public async Task AppendAsync(StringBuilder text, IReadOnlyList<Address> underTest)
    {
        Dictionary<Address, Type?> awaiting = work.AwaitingHandlers().ToDictionary(a => a.Actor, a => a.MessageType);
        if (underTest.Count > 0)
        {
            text.AppendLine().Append("Actors under test:");
            foreach (Address actor in underTest.Take(MaxActors))
            {
                text.AppendLine().Append("  ").Append(await DescribeAsync(actor, awaiting).ConfigureAwait(false));
            }

            if (underTest.Count > MaxActors)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  and {underTest.Count - MaxActors} more");
            }
        }

        if (awaiting.Count > 0)
        {
            text.AppendLine().Append("Awaiting in a handler (the kit does not wait for what a handler awaits outside the actors and the virtual clock):");
            foreach ((Address actor, Type? message) in awaiting.Take(MaxActors))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {actor}, {Handling(message)}");
            }
        }
    }

    /// <summary>The same, for an expectation checked synchronously; only the snapshots are waited for, within their bound.</summary>
    public void Append(StringBuilder text, IReadOnlyList<Address> underTest) =>
        AppendAsync(text, underTest).GetAwaiter().GetResult(); // every await inside continues off the caller's context

    private async Task<string> DescribeAsync(Address actor, Dictionary<Address, Type?> awaiting)
    {
        if (actor.IsDead)
        {
            Task<ExitReason> completion = actor.Completion;
            return completion.IsCompleted ? $"{actor}: dead ({completion.Result})" : $"{actor}: terminating";
        }

        string status = ActorIntrospection.SampleOf(actor) is { } sample
            ? string.Create(CultureInfo.InvariantCulture, $"{sample.Status}, {sample.QueuedMessages} queued")
            : "not local";
        if (awaiting.TryGetValue(actor, out Type? message))
        {
            return $"{actor} ({status}), {Handling(message)}: no snapshot until the handler finishes";
        }

        using var cancel = new CancellationTokenSource(CaptureBound);
        try
        {
            byte[] state = await ActorState.CaptureAsync(actor, _wire, timeout: Timeout.InfiniteTimeSpan, cancellationToken: cancel.Token).ConfigureAwait(false);
            return $"{actor} ({status}): {Shorten(MessagePackSerializer.ConvertToJson(state, _wire))}";
        }
        catch (OperationCanceledException)
        {
            return $"{actor} ({status}): no snapshot within {CaptureBound.TotalSeconds:0} s (busy)";
        }
        catch (Exception exception)
        {
            // A snapshot fails like any ask: the actor died meanwhile, a property getter threw, the state is too large.
            return $"{actor} ({status}): no snapshot ({exception.GetType().Name}: {exception.Message})";
        }
    }

    private static string Handling(Type? message) => message is null ? "in OnStarted or OnStopped" : $"handling {Article(message)}";
}

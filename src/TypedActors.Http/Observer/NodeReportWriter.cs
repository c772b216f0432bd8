using System.Buffers;
using System.Text.Json;
using TypedActors.Introspection;

namespace TypedActors.Http.Observer;

/// <summary>One sampled actor: what the sample read, and the observer's handle and message rate for it.</summary>
internal readonly record struct ActorRow(ActorSample Sample, ActorTracks.Track Track)
{
    public string TypeName => ObserverNames.Of(Sample.ActorType);
}

/// <summary>
/// Writes what one process reports to the page, as JSON: its totals, actors by class, the busiest actors, dead letters
/// and failures. Sizes are bounded by the options (classes, busiest actors, latest events, text lengths), whatever the
/// number of actors, so a frame stays small.
/// </summary>
internal static class NodeReportWriter
{
    private const int MaxMessageLength = 1_024;
    private const int MaxStackTraceLength = 8_192;

    public static byte[] Report(NodeReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(4_096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node", report.Node);
            writer.WriteNumber("time", report.Time.ToUnixTimeMilliseconds());
            writer.WriteBoolean("actions", report.ActionsEnabled);
            writer.WriteNumber("actors", report.Rows.Count);
            writer.WriteNumber("queued", report.Rows.Sum(row => row.Sample.QueuedMessages));
            writer.WriteNumber("rate", Math.Round(report.Rows.Sum(row => row.Track.Rate), 1));
            WriteTypes(writer, report);
            writer.WriteStartArray("busiest");
            foreach (ActorRow row in Busiest(report.Rows, report.Options.TopActors))
            {
                writer.WriteStartObject();
                WriteRow(writer, row);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteDeadLetters(writer, report);
            WriteFailures(writer, report);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One page of the children of an actor (or of the actors spawned by the system) with their relations, optionally of
    /// one class, and how many children of each class the level has (the page groups a crowded level by class).
    /// </summary>
    public static byte[] TreePage(TreeLevel level, IEnumerable<(ActorRow Row, int Children, ActorRelations? Relations)> page, Func<Address, string?> handleOf)
    {
        var buffer = new ArrayBufferWriter<byte>(4_096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node", level.Node);
            writer.WriteString("parent", level.Parent);
            writer.WriteString("type", level.Type);
            writer.WriteStartArray("groups");
            foreach ((string type, int count) in level.Groups)
            {
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WriteNumber("count", count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("total", level.Total);
            writer.WriteNumber("offset", level.Offset);
            writer.WriteStartArray("actors");
            foreach ((ActorRow row, int children, ActorRelations? relations) in page)
            {
                writer.WriteStartObject();
                WriteRow(writer, row);
                writer.WriteNumber("children", children);
                WriteReferences(writer, "links", relations?.Links, handleOf);
                WriteReferences(writer, "monitors", relations?.Monitors, handleOf);
                WriteReferences(writer, "monitoredBy", relations?.MonitoredBy, handleOf);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The top <paramref name="count"/> actors by mailbox depth, then the top by message rate that are not among them.</summary>
    private static List<ActorRow> Busiest(IReadOnlyList<ActorRow> rows, int count)
    {
        List<ActorRow> byDepth = Top(rows, count, row => row.Sample.QueuedMessages);
        var chosen = new HashSet<string>(byDepth.Select(row => row.Track.Handle), StringComparer.Ordinal);
        foreach (ActorRow row in Top(rows, count, row => row.Track.Rate))
        {
            if (chosen.Add(row.Track.Handle))
            {
                byDepth.Add(row);
            }
        }

        return byDepth;
    }

    /// <summary>The <paramref name="count"/> rows with the largest positive key, largest first, in O(n log count).</summary>
    private static List<ActorRow> Top(IReadOnlyList<ActorRow> rows, int count, Func<ActorRow, double> key)
    {
        var smallest = new PriorityQueue<ActorRow, double>(count + 1);
        foreach (ActorRow row in rows)
        {
            double value = key(row);
            if (value <= 0)
            {
                continue;
            }

            smallest.Enqueue(row, value);
            if (smallest.Count > count)
            {
                smallest.Dequeue();
            }
        }

        var top = new List<ActorRow>(smallest.Count);
        while (smallest.Count > 0)
        {
            top.Add(smallest.Dequeue());
        }

        top.Reverse();
        return top;
    }

    private static void WriteTypes(Utf8JsonWriter writer, NodeReport report)
    {
        var byType = new Dictionary<Type, (int Count, long Queued, double Rate)>();
        foreach (ActorRow row in report.Rows)
        {
            (int count, long queued, double rate) = byType.GetValueOrDefault(row.Sample.ActorType);
            byType[row.Sample.ActorType] = (count + 1, queued + row.Sample.QueuedMessages, rate + row.Track.Rate);
        }

        writer.WriteStartArray("types");
        foreach ((Type type, (int count, long queued, double rate)) in byType
            .OrderByDescending(entry => entry.Value.Count)
            .ThenBy(entry => ObserverNames.Of(entry.Key), StringComparer.Ordinal)
            .Take(report.Options.MaxActorTypes))
        {
            writer.WriteStartObject();
            writer.WriteString("type", ObserverNames.Of(type));
            writer.WriteNumber("count", count);
            writer.WriteNumber("queued", queued);
            writer.WriteNumber("rate", Math.Round(rate, 1));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("moreTypes", Math.Max(0, byType.Count - report.Options.MaxActorTypes));
    }

    private static void WriteDeadLetters(Utf8JsonWriter writer, NodeReport report)
    {
        RecentEvents events = report.Events;
        writer.WriteStartObject("deadLetters");
        long total = 0;
        foreach (DeadLetterReason reason in RecentEvents.Reasons)
        {
            long count = events.DeadLetterCount(reason);
            writer.WriteNumber(reason.ToString(), count);
            total += count;
        }

        writer.WriteNumber("total", total);
        writer.WriteEndObject();
        writer.WriteStartArray("recentDeadLetters");
        foreach (DeadLetterEvent dead in events.LatestDeadLetters())
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", dead.Time.ToUnixTimeMilliseconds());
            writer.WriteString("reason", dead.Reason.ToString());
            writer.WriteString("message", dead.MessageType);
            WriteReference(writer, "recipient", dead.Recipient, report.HandleOf);
            if (dead.Sender is { } sender)
            {
                WriteReference(writer, "sender", sender, report.HandleOf);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFailures(Utf8JsonWriter writer, NodeReport report)
    {
        writer.WriteNumber("failures", report.Events.FailureCount);
        writer.WriteStartArray("recentFailures");
        foreach (ActorFailure failure in report.Events.LatestFailures())
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", failure.Time.ToUnixTimeMilliseconds());
            WriteReference(writer, "actor", failure.Actor, report.HandleOf);
            writer.WriteString("exception", failure.Reason.ExceptionType);
            writer.WriteString("message", Truncate(failure.Reason.Message, MaxMessageLength));
            writer.WriteString("stackTrace", Truncate(failure.Reason.StackTrace, MaxStackTraceLength));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, in ActorRow row)
    {
        writer.WriteString("handle", row.Track.Handle);
        writer.WriteString("type", row.TypeName);
        writer.WriteString("status", StatusName(row.Sample.Status));
        writer.WriteNumber("queued", row.Sample.QueuedMessages);
        writer.WriteNumber("rate", Math.Round(row.Track.Rate, 1));
    }

    private static void WriteReferences(Utf8JsonWriter writer, string name, IReadOnlyList<Address>? addresses, Func<Address, string?> handleOf)
    {
        writer.WriteStartArray(name);
        foreach (Address address in addresses ?? [])
        {
            writer.WriteStartObject();
            WriteReferenceFields(writer, address, handleOf);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteReference(Utf8JsonWriter writer, string name, Address address, Func<Address, string?> handleOf)
    {
        writer.WriteStartObject(name);
        WriteReferenceFields(writer, address, handleOf);
        writer.WriteEndObject();
    }

    /// <summary>An actor as the page refers to it: its class, and its handle while it lives here; never its internal id.</summary>
    private static void WriteReferenceFields(Utf8JsonWriter writer, Address address, Func<Address, string?> handleOf)
    {
        writer.WriteString("type", address.IsEmpty ? "" : ObserverNames.Of(address.ActorType));
        if (!address.IsEmpty && !ActorIntrospection.IsLocal(address))
        {
            writer.WriteBoolean("remote", true);
        }
        else if (handleOf(address) is { } handle)
        {
            writer.WriteString("handle", handle);
        }
    }

    private static string StatusName(ActorStatus status) => status switch
    {
        ActorStatus.Starting => "starting",
        ActorStatus.Running => "running",
        ActorStatus.Restarting => "restarting",
        ActorStatus.Terminating => "terminating",
        _ => "dead",
    };

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}

/// <summary>Which level of the tree a page belongs to: its parent (null for the roots), its class filter and its classes.</summary>
internal sealed record TreeLevel(string Node, string? Parent, string? Type, IReadOnlyList<(string Type, int Count)> Groups, int Total, int Offset);

/// <summary>What one report is written from.</summary>
internal sealed record NodeReport(
    string Node,
    DateTimeOffset Time,
    bool ActionsEnabled,
    IReadOnlyList<ActorRow> Rows,
    RecentEvents Events,
    ActorObserverOptions Options,
    Func<Address, string?> HandleOf);

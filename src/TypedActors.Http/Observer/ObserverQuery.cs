using System.Buffers;
using System.Text.Json;

namespace TypedActors.Http.Observer;

/// <summary>What the observer asks of a process: its report, a page of its supervision tree, or something about one actor.</summary>
internal enum ObserverOperation
{
    Report,
    Tree,
    State,
    Stop,
    Kill,
}

/// <summary>
/// One question to one process's observation. Pages of a cluster ask other processes the same questions through the
/// system's introspection channel, so the query and its answer have a wire form (JSON, written and read here).
/// </summary>
internal sealed record ObserverQuery(ObserverOperation Operation, string? Handle = null, int Offset = 0, int Limit = 0, string? Type = null)
{
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)Operation);
            if (Handle is not null)
            {
                writer.WriteString("handle", Handle);
            }

            if (Type is not null)
            {
                writer.WriteString("type", Type);
            }

            writer.WriteNumber("offset", Offset);
            writer.WriteNumber("limit", Limit);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a query another process sent; null when it is not one (a process of another version, or noise).</summary>
    public static ObserverQuery? FromBytes(byte[] bytes)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            int operation = root.GetProperty("op").GetInt32();
            if (!Enum.IsDefined((ObserverOperation)operation))
            {
                return null;
            }

            string? handle = root.TryGetProperty("handle", out JsonElement h) ? h.GetString() : null;
            string? type = root.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
            return new ObserverQuery((ObserverOperation)operation, handle, root.GetProperty("offset").GetInt32(), root.GetProperty("limit").GetInt32(), type);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// A process's answer: a status, and a JSON body for success or a problem's title and detail. Problems name handles
/// and processes only, never exceptions or types, except where the observer shows them on purpose (failures).
/// </summary>
internal sealed record ObserverAnswer(int Status, byte[] Body, string? Title = null, string? Detail = null)
{
    public bool IsProblem => Status >= 400;

    public static ObserverAnswer Ok(byte[] json) => new(200, json);

    public static ObserverAnswer NoContent() => new(204, []);

    public static ObserverAnswer Accepted() => new(202, []);

    public static ObserverAnswer Problem(int status, string title, string detail) => new(status, [], title, detail);

    public static ObserverAnswer UnknownActor(string handle) =>
        Problem(404, "Actor not found", $"No live actor has the handle '{handle}' here (handles last while the observer watches).");

    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(Body.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", Status);
            if (Title is not null)
            {
                writer.WriteString("title", Title);
                writer.WriteString("detail", Detail);
            }

            if (Body.Length > 0)
            {
                writer.WritePropertyName("body");
                writer.WriteRawValue(Body, skipInputValidation: true); // written by this observer's own JSON writers
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads another process's answer; a malformed one is a 502 problem rather than an exception.</summary>
    public static ObserverAnswer FromBytes(byte[] bytes, string node)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            int status = root.GetProperty("status").GetInt32();
            byte[] body = root.TryGetProperty("body", out JsonElement b) ? System.Text.Encoding.UTF8.GetBytes(b.GetRawText()) : [];
            return root.TryGetProperty("title", out JsonElement title)
                ? new ObserverAnswer(status, body, title.GetString(), root.GetProperty("detail").GetString())
                : new ObserverAnswer(status, body);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Problem(502, "Bad answer", $"The process '{node}' answered with something the observer cannot read.");
        }
    }
}

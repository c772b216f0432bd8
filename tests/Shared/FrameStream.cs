using System.Text.Json;

namespace TypedActors.Testing;

/// <summary>The observer page's event stream, read as a browser's EventSource would: one JSON frame per <c>frame</c> event.</summary>
internal sealed class FrameStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private FrameStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<FrameStream> OpenAsync(HttpClient client, string path = "/observer/events", Action<HttpRequestMessage>? prepare = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        prepare?.Invoke(request);

        HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new FrameStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next frame.</summary>
    public async Task<JsonElement> NextAsync()
    {
        string? eventName = null;
        while (await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "frame")
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    /// <summary>Frames until one satisfies <paramref name="condition"/>; fails after the deadline with the last frame.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            JsonElement frame = await NextAsync();
            if (condition(frame))
            {
                return frame;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No frame met the condition before the deadline; the last was {frame}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Reads parts of an observer frame the way the page merges them.</summary>
internal static class Frames
{
    public static JsonElement Node(this JsonElement frame, int index = 0) => frame.GetProperty("nodes")[index];

    public static int TypeCount(this JsonElement node, string type) =>
        node.GetProperty("types").EnumerateArray().Where(t => t.GetProperty("type").GetString() == type).Select(t => t.GetProperty("count").GetInt32()).FirstOrDefault();

    public static JsonElement? Busiest(this JsonElement node, string type) =>
        node.GetProperty("busiest").EnumerateArray().Where(row => row.GetProperty("type").GetString() == type).Cast<JsonElement?>().FirstOrDefault();
}

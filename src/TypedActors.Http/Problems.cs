using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TypedActors.Http;

/// <summary>
/// An RFC 7807 problem: status, title, detail, and the request field at fault when there is one. Details are written
/// for clients: they name kinds, ids, messages and fields the client sent, never server types or stack traces.
/// </summary>
internal sealed record Problem(int Status, string Title, string Detail, string? Field = null)
{
    /// <summary>When set, the response carries <c>Retry-After</c> with this many seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    private static readonly Dictionary<int, string> s_types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [406] = "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        [409] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        [504] = "https://tools.ietf.org/html/rfc9110#section-15.6.5",
    };

    /// <summary>
    /// Writes the problem through the application's <see cref="IProblemDetailsService"/> when it has one (so
    /// <c>AddProblemDetails</c> customisation applies), as <c>application/problem+json</c> otherwise. Either way it
    /// carries <c>traceId</c>, the current activity's id or the request's trace identifier.
    /// </summary>
    public async Task WriteAsync(HttpContext context)
    {
        var details = new ProblemDetails
        {
            Status = Status,
            Type = s_types.GetValueOrDefault(Status, "about:blank"),
            Title = Title,
            Detail = Detail,
            Instance = context.Request.Path.Value,
        };
        details.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        if (Field is not null)
        {
            details.Extensions["field"] = Field;
        }

        context.Response.StatusCode = Status;
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        IProblemDetailsService? service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }).ConfigureAwait(false))
        {
            await TypedResults.Problem(details).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}

/// <summary>Every problem the gateway reports, in one place.</summary>
internal static class Problems
{
    public static Problem UnknownKind(string kind) =>
        new(404, "Unknown actor kind", $"No actor kind named '{kind}' is exposed.");

    public static Problem NoSuchResource() =>
        new(404, "Not found", "The gateway has no resource at this path: see /{kind}, /{kind}/{id} and /{kind}/{id}/{message}.");

    public static Problem MethodNotAllowed(string allowed) =>
        new(405, "Method not allowed", $"This resource answers {allowed}.");

    public static Problem StateTooLarge(int maxBytes) =>
        new(409, "State too large",
            $"The actor's state is larger than the {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes a snapshot may have.");

    public static Problem UnknownActor(string kind, string id) =>
        new(404, "Actor not found", $"No live '{kind}' actor has the id '{id}'.");

    public static Problem UnknownMessage(string kind, string message) =>
        new(404, "Unknown message", $"'{kind}' actors handle no message named '{message}'.");

    public static Problem InvalidId(int maxLength) =>
        new(400, "Invalid actor id", $"An id has 1 to {maxLength} letters, digits, '-', '_', '.' or '~', and is not only dots.");

    public static Problem IdTaken(string kind, string id) =>
        new(409, "Actor already exists", $"A live '{kind}' actor already has the id '{id}'.");

    public static Problem KindFull(string kind, int max) =>
        new(409, "Too many actors", $"'{kind}' already has the maximum of {max.ToString(CultureInfo.InvariantCulture)} live actors.");

    public static Problem NoCreationMessage(string kind) =>
        new(400, "Unexpected body", $"'{kind}' actors are spawned without arguments; send no body.");

    public static Problem CreationFailed(string kind) =>
        new(400, "Actor not created", $"A '{kind}' actor could not be created from the given arguments.");

    public static Problem TooLarge(int limit) =>
        new(413, "Body too large", $"The body is larger than {limit.ToString(CultureInfo.InvariantCulture)} bytes.");

    public static Problem TooDeep(int limit) =>
        new(400, "Body nested too deeply", $"The body nests objects or arrays deeper than {limit.ToString(CultureInfo.InvariantCulture)} levels.");

    public static Problem UnsupportedMediaType(string? contentType) =>
        new(415, "Unsupported content type",
            $"{(contentType is null ? "A body needs a content type" : $"'{contentType}' is not supported")}: send application/json (UTF-8) or application/x-msgpack.");

    public static Problem NotAcceptable() =>
        new(406, "Not acceptable", "Replies are application/json or application/x-msgpack.");

    public static Problem MalformedJson(long? line, long? position) =>
        new(400, "Malformed JSON",
            string.Create(CultureInfo.InvariantCulture, $"The body is not valid JSON (line {(line ?? 0) + 1}, byte {(position ?? 0) + 1})."));

    public static Problem UnconvertibleJson() =>
        new(400, "Unsupported JSON", "The body contains a value that cannot be read (for example a number out of range).");

    public static Problem MalformedMessagePack() =>
        new(400, "Malformed MessagePack", "The body is not exactly one well-formed MessagePack value.");

    public static Problem InvalidField(string message, string field) =>
        new(400, "Invalid field", $"The field '{field}' of the '{message}' message has an invalid value.", field);

    public static Problem UnknownField(string message, string field) =>
        new(400, "Unknown field", $"The '{message}' message has no field '{field}'.", field);

    public static Problem InvalidMessage(string message) =>
        new(400, "Invalid message", $"The body is not a valid '{message}' message: send an object of its fields.");

    public static Problem InvalidTimeout(TimeSpan max) =>
        new(400, "Invalid timeout",
            $"'timeout' is a whole number of milliseconds from 1 to {((long)max.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}.");

    public static Problem InvalidPage(int maxPageSize) =>
        new(400, "Invalid page", $"'offset' is a whole number from 0 and 'limit' one from 1 to {maxPageSize.ToString(CultureInfo.InvariantCulture)}.");

    public static Problem Timeout(string what) =>
        new(504, "Timed out", $"The actor did not {what} in time.");

    /// <summary>The actor's mailbox is full: the message was not queued (it is a dead letter), and may be sent again later.</summary>
    public static Problem MailboxFull(string kind, string id, TimeSpan retryAfter) =>
        new(503, "Mailbox full", $"The '{kind}' actor '{id}' has a full mailbox; the message was not queued. Send it again later.")
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(Math.Min(retryAfter.TotalSeconds, int.MaxValue))),
        };

    public static Problem HandlerFailed(string message) =>
        new(500, "Handler failed", $"The actor failed while handling the '{message}' message.");

    public static Problem ReplyNotSerializable(string message) =>
        new(500, "Reply not serializable", $"The reply to the '{message}' message has no wire format.");
}

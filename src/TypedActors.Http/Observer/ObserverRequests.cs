using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TypedActors.Http.Observer;

/// <summary>
/// The observer's request handlers: the page and its assets, the stream of frames, and the queries the page makes
/// (session, tree, state, actions). Each first checks that the request may see the observer at all.
/// </summary>
internal sealed class ObserverRequests(ObserverHub hub, ActorObserverOptions options)
{
    /// <summary>The header every action request must carry: a cross-site form cannot add it, so it cannot stop or kill.</summary>
    public const string ActionHeader = "X-Observer-Action";

    private static readonly byte[] s_eventPrefix = "event: frame\ndata: "u8.ToArray();
    private static readonly byte[] s_eventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] s_streamStart = "retry: 2000\n\n"u8.ToArray();

    /// <summary>Wraps a handler with the access check: without an authorization policy, only local requests pass.</summary>
    public RequestDelegate Guarded(Func<HttpContext, Task> handler) => async context =>
    {
        if (!options.AllowAnonymousRemote && !IsAuthorized(context) && !IsLocal(context.Connection))
        {
            await new Problem(403, "Observer is local only",
                "The observer answers only requests from this machine until its endpoints require an authorization policy.")
                .WriteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await handler(context).ConfigureAwait(false);
    };

    public Task PageAsync(HttpContext context)
    {
        if (!context.Request.Path.Value!.EndsWith('/'))
        {
            // The page's URLs are relative to the prefix with a trailing slash (routing matches both forms).
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString);
            return Task.CompletedTask;
        }

        // The page runs only its own script and style, talks only to its own origin, and cannot be framed.
        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return AssetAsync(context, ObserverAssets.Page);
    }

    public static async Task AssetAsync(HttpContext context, ObserverAsset asset)
    {
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET events: a server-sent event stream of frames, one per interval while the page stays connected.</summary>
    public async Task EventsAsync(HttpContext context)
    {
        if (!hub.TryConnect(out ObserverClient client))
        {
            context.Response.Headers.RetryAfter = "5";
            await new Problem(503, "Too many observers", $"At most {options.MaxWatchers} pages may watch at once.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            HttpResponse response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers["X-Accel-Buffering"] = "no"; // a proxy must pass frames on as they come
            Stream body = response.Body;
            await body.WriteAsync(s_streamStart, context.RequestAborted).ConfigureAwait(false);
            await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (byte[] frame in client.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                // A frame is one line of JSON (the writer escapes line breaks inside strings), so it is one data line.
                await body.WriteAsync(s_eventPrefix, context.RequestAborted).ConfigureAwait(false);
                await body.WriteAsync(frame, context.RequestAborted).ConfigureAwait(false);
                await body.WriteAsync(s_eventEnd, context.RequestAborted).ConfigureAwait(false);
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page closed.
        }
        catch (IOException)
        {
            // The connection broke while a frame was being written.
        }
        finally
        {
            hub.Disconnect(client);
        }
    }

    /// <summary>GET api/session: what this user may do here, so the page shows action buttons only to those allowed.</summary>
    public async Task SessionAsync(HttpContext context)
    {
        bool actions = false;
        if (options.ActionsPolicy is { } policy && context.RequestServices.GetService<IAuthorizationService>() is { } authorization)
        {
            actions = (await authorization.AuthorizeAsync(context.User, policy).ConfigureAwait(false)).Succeeded;
        }

        await WriteJsonAsync(context, writer =>
        {
            writer.WriteBoolean("actions", actions);
            writer.WriteString("node", hub.Local.Name);
            writer.WriteNumber("interval", (long)options.SampleInterval.TotalMilliseconds);
            writer.WriteNumber("treePage", options.MaxTreePage);
        }).ConfigureAwait(false);
    }

    /// <summary>GET api/nodes/{node}/tree?parent=&amp;type=&amp;offset=&amp;limit=: a page of the supervision tree.</summary>
    public Task TreeAsync(HttpContext context)
    {
        string? parent = context.Request.Query["parent"];
        string? type = context.Request.Query["type"];
        if (!TryReadNumber(context, "offset", 0, 0, int.MaxValue, out int offset)
            || !TryReadNumber(context, "limit", Math.Min(100, options.MaxTreePage), 1, options.MaxTreePage, out int limit))
        {
            return new Problem(400, "Invalid page",
                $"'offset' is a whole number from 0 and 'limit' one from 1 to {options.MaxTreePage.ToString(CultureInfo.InvariantCulture)}.").WriteAsync(context);
        }

        return AnswerAsync(context, new ObserverQuery(
            ObserverOperation.Tree, string.IsNullOrEmpty(parent) ? null : parent, offset, limit, string.IsNullOrEmpty(type) ? null : type));
    }

    /// <summary>GET api/nodes/{node}/actors/{handle}/state: the actor's bounded state snapshot.</summary>
    public Task StateAsync(HttpContext context) => AnswerAsync(context, new ObserverQuery(ObserverOperation.State, RouteValue(context, "handle")));

    /// <summary>POST api/nodes/{node}/actors/{handle}/stop or kill (only mapped when actions are enabled).</summary>
    public Task ActAsync(HttpContext context, ObserverOperation operation)
    {
        if (!context.Request.Headers.ContainsKey(ActionHeader))
        {
            return new Problem(400, "Missing header", $"Actions are sent by the observer page, with the {ActionHeader} header.").WriteAsync(context);
        }

        return AnswerAsync(context, new ObserverQuery(operation, RouteValue(context, "handle")));
    }

    public static Task NotFoundAsync(HttpContext context) =>
        new Problem(404, "Not found", "The observer has no resource at this path.").WriteAsync(context);

    private async Task AnswerAsync(HttpContext context, ObserverQuery query)
    {
        ObserverAnswer answer;
        try
        {
            answer = await hub.AskAsync(RouteValue(context, "node"), query, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (answer.IsProblem)
        {
            await new Problem(answer.Status, answer.Title ?? "Failed", answer.Detail ?? "").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool TryReadNumber(HttpContext context, string name, int fallback, int min, int max, out int value)
    {
        string? text = context.Request.Query[name];
        value = fallback;
        return text is null
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>True when the endpoint requires an authorization policy (the authorization middleware enforced it before this ran).</summary>
    private static bool IsAuthorized(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
        && metadata.GetMetadata<IAllowAnonymous>() is null;

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is not { } remote // an in-process server has no network peer
        || IPAddress.IsLoopback(remote)
        || remote.Equals(connection.LocalIpAddress);
}

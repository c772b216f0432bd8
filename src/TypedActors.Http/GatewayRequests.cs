using System.Globalization;
using Microsoft.AspNetCore.Http;
using TypedActors.Catalogue;

namespace TypedActors.Http;

/// <summary>
/// Request parts every handler reads the same way (route values, <c>?timeout=</c>, <c>?offset=&amp;limit=</c>), and the
/// answers for requests that match no operation: 404 and 405 as problems, like every other failure.
/// </summary>
internal static class GatewayRequests
{
    private const int DefaultPageSize = 100;

    public static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? "";

    public static Problem? ParseTimeout(HttpContext context, ActorGatewayOptions options, out TimeSpan timeout)
    {
        timeout = options.AskTimeout;
        string? text = context.Request.Query["timeout"];
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            || milliseconds < 1 || milliseconds > options.MaxAskTimeout.TotalMilliseconds)
        {
            return Problems.InvalidTimeout(options.MaxAskTimeout);
        }

        timeout = TimeSpan.FromMilliseconds(milliseconds);
        return null;
    }

    public static Problem? ParsePage(HttpContext context, ActorGatewayOptions options, out int offset, out int limit)
    {
        offset = 0;
        limit = Math.Min(DefaultPageSize, options.MaxPageSize);
        string? offsetText = context.Request.Query["offset"];
        string? limitText = context.Request.Query["limit"];
        bool valid = (offsetText is null || int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            && (limitText is null || int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            && limit >= 1 && limit <= options.MaxPageSize;
        return valid ? null : Problems.InvalidPage(options.MaxPageSize);
    }

    /// <summary>A path under the gateway's prefix that names no kind, or goes deeper than a message.</summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        string kind = RouteValue(context, "kind");
        return (kind.Length == 0 ? Problems.NoSuchResource() : Problems.UnknownKind(kind)).WriteAsync(context);
    }

    /// <summary>A method the resource does not answer: 405 with the methods it does in <c>Allow</c>.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return Problems.MethodNotAllowed(allowed).WriteAsync(context);
    }

    /// <summary>Any method on <c>{kind}/{id}/{message}</c> that no message endpoint took.</summary>
    public static Task UnknownMessageAsync(HttpContext context, ExposedKind kind)
    {
        string message = RouteValue(context, "message");
        return kind.Catalogue.TryFind(message, out _)
            ? MethodNotAllowedAsync(context, HttpMethods.Post)
            : Problems.UnknownMessage(kind.Name, message).WriteAsync(context);
    }
}

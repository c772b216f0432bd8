using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedActors.Http;

/// <summary>The two encodings the gateway speaks, for bodies and replies.</summary>
internal enum WireFormat
{
    Json,
    MessagePack,
}

/// <summary>Content types and negotiation: JSON by default, MessagePack on request.</summary>
internal static class WireFormats
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string MessagePackContentType = "application/x-msgpack";

    /// <summary>The format of a request body, or null for a content type the gateway does not read.</summary>
    public static WireFormat? OfContentType(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? media))
        {
            return null;
        }

        if (IsJson(media))
        {
            // JSON bodies are UTF-8 (RFC 8259); another declared charset is not something the gateway reads.
            return media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ? null : WireFormat.Json;
        }

        return IsMessagePack(media) ? WireFormat.MessagePack : null;
    }

    /// <summary>
    /// The reply format the client accepts most, JSON when it does not say. Null when its Accept header lists only
    /// formats the gateway cannot write (406).
    /// </summary>
    public static WireFormat? Negotiate(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return WireFormat.Json;
        }

        foreach (MediaTypeHeaderValue media in accept.OrderByDescending(m => m.Quality ?? 1.0))
        {
            if (media.Quality is <= 0)
            {
                continue;
            }

            if (IsMessagePack(media))
            {
                return WireFormat.MessagePack;
            }

            if (IsJson(media) || media.MatchesAllTypes || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && media.MatchesAllSubTypes))
            {
                return WireFormat.Json;
            }
        }

        return null;
    }

    private static bool IsJson(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool IsMessagePack(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("application/x-msgpack", StringComparison.OrdinalIgnoreCase)
        || media.MediaType.Equals("application/msgpack", StringComparison.OrdinalIgnoreCase)
        || media.MediaType.Equals("application/vnd.msgpack", StringComparison.OrdinalIgnoreCase);
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using MessagePack;
using Microsoft.AspNetCore.Http;

namespace TypedActors.Http;

/// <summary>
/// Reads a request body into MessagePack within the gateway's limits: size (413), content type (415), well-formedness
/// and depth (400). JSON is checked by <see cref="Utf8JsonReader"/> before MessagePack's converter sees it; MessagePack
/// is walked without recursion. Nothing here knows message types: the generated formatters read the result.
/// </summary>
internal static class RequestBody
{
    private static readonly byte[] s_emptyMap = [0x80];

    /// <summary>The body as MessagePack (an empty map for an empty body), or the problem that rejects it.</summary>
    public static async Task<(ReadOnlyMemory<byte> MessagePack, Problem? Problem)> ReadAsync(HttpRequest request, ActorGatewayOptions options)
    {
        int limit = options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (default, Problems.TooLarge(limit));
        }

        byte[]? body = await ReadBoundedAsync(request.Body, limit, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (default, Problems.TooLarge(limit));
        }

        if (body.Length == 0)
        {
            return (s_emptyMap, null);
        }

        return WireFormats.OfContentType(request.ContentType) switch
        {
            WireFormat.Json => FromJson(body, options.MaxBodyDepth),
            WireFormat.MessagePack => CheckMessagePack(body, options.MaxBodyDepth),
            _ => (default, Problems.UnsupportedMediaType(request.ContentType)),
        };
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            int length = 0;
            while (length <= limit)
            {
                int read = await body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (ReadOnlyMemory<byte>, Problem?) FromJson(byte[] body, int maxDepth)
    {
        // Our own pass first: it names the position of a syntax error and enforces the depth limit, so MessagePack's
        // converter only ever sees well-formed, shallow JSON.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return (default, Problems.TooDeep(maxDepth));
                }
            }
        }
        catch (JsonException exception)
        {
            return (default, Problems.MalformedJson(exception.LineNumber, exception.BytePositionInLine));
        }

        try
        {
            return (MessagePackSerializer.ConvertFromJson(Encoding.UTF8.GetString(body)), null);
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or FormatException or OverflowException
            or InvalidOperationException or ArgumentException or EndOfStreamException)
        {
            // JSON that System.Text.Json accepts but MessagePack's converter does not (e.g. a number out of range).
            return (default, Problems.UnconvertibleJson());
        }
    }

    private static (ReadOnlyMemory<byte>, Problem?) CheckMessagePack(byte[] body, int maxDepth) =>
        MessagePackShape.Check(body, maxDepth) switch
        {
            MessagePackShape.Verdict.Valid => (body, null),
            MessagePackShape.Verdict.TooDeep => (default, Problems.TooDeep(maxDepth)),
            _ => (default, Problems.MalformedMessagePack()),
        };
}

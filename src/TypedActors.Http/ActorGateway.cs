using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MessagePack;
using Microsoft.AspNetCore.Http;
using TypedActors.Catalogue;
using TypedActors.Copying.Serialization;
using TypedActors.State;

namespace TypedActors.Http;

/// <summary>
/// The gateway's request handlers, each bound to one exposed kind (and message) when the endpoints are mapped. Each
/// checks the id, reads the body within the limits, converts it with the generated formatters (addresses in the
/// gateway's own form), and answers with a reply or a problem. A request that fails validation never reaches an actor.
/// </summary>
internal sealed class ActorGateway
{
    private readonly ActorSystem _system;
    private readonly ActorGatewayOptions _options;
    private readonly MessagePackSerializerOptions _readOptions;
    private readonly MessagePackSerializerOptions _writeOptions;
    private readonly ActorStateLimits _stateLimits;

    public ActorGateway(ActorSystem system, ActorGatewayOptions options)
    {
        _system = system;
        _options = options;
        _writeOptions = ActorMessagePack.CreateOptions(system).WithAddressFormat(options.Addresses);
        _stateLimits = new ActorStateLimits { MaxBytes = options.MaxStateBytes, MaxDepth = options.MaxStateDepth };
        _readOptions = ActorMessagePack.CreateOptions(system)
            .WithAddressFormat(options.Addresses)
            .WithRejectUnknownMembers(options.RejectUnknownFields)
            .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(options.MaxBodyDepth + 1));
    }

    /// <summary>PUT /{kind}/{id}: spawns an actor of the kind under the id.</summary>
    public async Task SpawnAsync(HttpContext context, ExposedKind kind)
    {
        if (!TryReadId(context, out string id, out Problem? routeProblem))
        {
            await routeProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        (ReadOnlyMemory<byte> body, Problem? bodyProblem) = await RequestBody.ReadAsync(context.Request, _options).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            await bodyProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        object? creationMessage = null;
        if (!kind.TakesCreationMessage)
        {
            if (!IsEmptyMap(body.Span))
            {
                await Problems.NoCreationMessage(kind.Name).WriteAsync(context).ConfigureAwait(false);
                return;
            }
        }
        else if (!TryRead(() => kind.ReadCreationMessage(body, _readOptions), kind.Name + " creation", out creationMessage, out Problem? readProblem))
        {
            await readProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        SpawnOutcome outcome;
        try
        {
            outcome = kind.TrySpawn(_system, id, creationMessage, _options.MaxActorsPerKind, out _);
        }
        catch (ActorCreationException)
        {
            // The constructor or creation function rejected the arguments; its message is the server's business.
            await Problems.CreationFailed(kind.Name).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        switch (outcome)
        {
            case SpawnOutcome.IdTaken:
                await Problems.IdTaken(kind.Name, id).WriteAsync(context).ConfigureAwait(false);
                return;
            case SpawnOutcome.KindFull:
                await Problems.KindFull(kind.Name, _options.MaxActorsPerKind).WriteAsync(context).ConfigureAwait(false);
                return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path).ToUriComponent();
    }

    /// <summary>POST /{kind}/{id}/{message}: tells (202) or asks (200 with the reply).</summary>
    public async Task SendAsync(HttpContext context, ExposedKind kind, MessageDescriptor descriptor)
    {
        if (!TryReadId(context, out string id, out Problem? routeProblem))
        {
            await routeProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        WireFormat? format = WireFormats.Negotiate(context.Request);
        Problem? problem = GatewayRequests.ParseTimeout(context, _options, out TimeSpan timeout)
            ?? (format is null ? Problems.NotAcceptable() : null)
            ?? (kind.TryGetLive(id, out _) ? null : Problems.UnknownActor(kind.Name, id));
        if (problem is not null)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        (ReadOnlyMemory<byte> body, Problem? bodyProblem) = await RequestBody.ReadAsync(context.Request, _options).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            await bodyProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!TryRead(() => descriptor.Deserialize(body, _readOptions), descriptor.Name, out object? message, out Problem? readProblem))
        {
            await readProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!kind.TryGetLive(id, out Address address))
        {
            await Problems.UnknownActor(kind.Name, id).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!descriptor.HasReply)
        {
            if (descriptor.TryTell(address, message))
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
            else
            {
                await Problems.MailboxFull(kind.Name, id, _options.MailboxFullRetryAfter).WriteAsync(context).ConfigureAwait(false);
            }

            return;
        }

        byte[] reply;
        try
        {
            reply = await descriptor.AskAsync(address, message, _writeOptions, timeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client has gone
        }
        catch (TimeoutException)
        {
            await Problems.Timeout("reply").WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (DeadActorException)
        {
            await Problems.UnknownActor(kind.Name, id).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (MailboxFullException)
        {
            await Problems.MailboxFull(kind.Name, id, _options.MailboxFullRetryAfter).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (MessagePackSerializationException)
        {
            await Problems.ReplyNotSerializable(descriptor.Name).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (Exception)
        {
            // The handler's own failure: the client learns that it failed, not how (no server types or traces).
            await Problems.HandlerFailed(descriptor.Name).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, reply, format!.Value).ConfigureAwait(false);
    }

    /// <summary>GET /{kind}/{id}: the actor's state, snapshotted inside its own turn.</summary>
    public async Task GetStateAsync(HttpContext context, ExposedKind kind)
    {
        if (!TryReadId(context, out string id, out Problem? routeProblem))
        {
            await routeProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        WireFormat? format = WireFormats.Negotiate(context.Request);
        Address address = default;
        Problem? problem = GatewayRequests.ParseTimeout(context, _options, out TimeSpan timeout)
            ?? (format is null ? Problems.NotAcceptable() : null)
            ?? (kind.TryGetLive(id, out address) ? null : Problems.UnknownActor(kind.Name, id));
        if (problem is not null)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        byte[] state;
        try
        {
            state = await ActorState.CaptureAsync(address, _writeOptions, _stateLimits, timeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (TimeoutException)
        {
            await Problems.Timeout("take its state snapshot").WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (StateTooLargeException tooLarge)
        {
            await Problems.StateTooLarge(tooLarge.MaxBytes).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (DeadActorException)
        {
            await Problems.UnknownActor(kind.Name, id).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, state, format!.Value).ConfigureAwait(false);
    }

    /// <summary>HEAD /{kind}/{id}: 200 when the actor is alive, 404 otherwise (no body either way).</summary>
    public Task ExistsAsync(HttpContext context, ExposedKind kind)
    {
        context.Response.StatusCode = TryReadId(context, out string id, out _) && kind.TryGetLive(id, out _)
            ? StatusCodes.Status200OK
            : StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>DELETE /{kind}/{id}: kills the actor (204).</summary>
    public async Task KillAsync(HttpContext context, ExposedKind kind)
    {
        if (!TryReadId(context, out string id, out Problem? routeProblem))
        {
            await routeProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!kind.TryGetLive(id, out Address address))
        {
            await Problems.UnknownActor(kind.Name, id).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        address.Kill();

        // The actor dies once its current handler returns. Waiting for that (within the ask timeout) frees the id, so
        // a PUT right after this DELETE succeeds; a handler slower than that still dies, just after the response.
        Task<ExitReason> died = address.Completion;
        if (await Task.WhenAny(died, Task.Delay(_options.AskTimeout, context.RequestAborted)).ConfigureAwait(false) == died)
        {
            kind.Forget(id, address);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>GET /{kind}: a page of live ids, in ordinal order.</summary>
    public async Task ListAsync(HttpContext context, ExposedKind kind)
    {
        WireFormat? format = WireFormats.Negotiate(context.Request);
        if ((GatewayRequests.ParsePage(context, _options, out int offset, out int limit) ?? (format is null ? Problems.NotAcceptable() : null)) is { } problem)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        List<string> ids = kind.LiveIds();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(5);
        writer.Write("kind");
        writer.Write(kind.Name);
        writer.Write("total");
        writer.Write(ids.Count);
        writer.Write("offset");
        writer.Write(offset);
        writer.Write("limit");
        writer.Write(limit);
        writer.Write("ids");
        List<string> page = [.. ids.Skip(offset).Take(limit)];
        writer.WriteArrayHeader(page.Count);
        foreach (string id in page)
        {
            writer.Write(id);
        }

        writer.Flush();
        await WriteAsync(context, buffer.WrittenMemory.ToArray(), format!.Value).ConfigureAwait(false);
    }

    /// <summary>Reads {id} and checks it against the id rules.</summary>
    private bool TryReadId(HttpContext context, out string id, [NotNullWhen(false)] out Problem? problem)
    {
        id = GatewayRequests.RouteValue(context, "id");
        problem = ActorIds.IsValid(id, _options.MaxIdLength) ? null : Problems.InvalidId(_options.MaxIdLength);
        return problem is null;
    }

    /// <summary>Reads a message with the generated formatters; a failure becomes a 400 naming the field when known.</summary>
    private static bool TryRead(
        Func<object> read, string messageName, [NotNullWhen(true)] out object? message, [NotNullWhen(false)] out Problem? problem)
    {
        try
        {
            message = read();
            problem = null;
            return true;
        }
        catch (MessagePackSerializationException exception)
        {
            message = null;
            problem = Problems.InvalidMessage(messageName);
            for (Exception? current = exception; current is not null; current = current.InnerException)
            {
                if (current is MessageMemberException member)
                {
                    problem = member.IsUnknownMember
                        ? Problems.UnknownField(messageName, member.MemberPath)
                        : Problems.InvalidField(messageName, member.MemberPath);
                    break;
                }
            }

            return false;
        }
    }

    private static bool IsEmptyMap(ReadOnlySpan<byte> messagePack) => messagePack.Length == 1 && messagePack[0] == 0x80;

    private async Task WriteAsync(HttpContext context, byte[] messagePack, WireFormat format)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (format == WireFormat.MessagePack)
        {
            response.ContentType = WireFormats.MessagePackContentType;
            await response.Body.WriteAsync(messagePack, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = WireFormats.JsonContentType;
        string json = MessagePackSerializer.ConvertToJson(messagePack, _writeOptions, context.RequestAborted);
        await response.WriteAsync(json, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }
}

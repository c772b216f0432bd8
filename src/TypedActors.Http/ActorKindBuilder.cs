using Microsoft.AspNetCore.Builder;

namespace TypedActors.Http;

/// <summary>
/// The endpoints of one exposed actor kind, returned by <c>Expose</c>. ASP.NET Core's conventions apply to this kind
/// alone: <c>.RequireAuthorization("tellers")</c>, <c>.AllowAnonymous()</c>, <c>.RequireRateLimiting("policy")</c>,
/// <c>.RequireCors(...)</c>, <c>.WithMetadata(...)</c>. The properties narrow a convention to one operation of the kind,
/// e.g. <c>accounts.Kill.RequireAuthorization("admins")</c>; those come in addition to the kind's own conventions (with
/// authorization, both policies must pass).
/// </summary>
public sealed class ActorKindBuilder : IEndpointConventionBuilder
{
    private readonly EndpointConventions _kind = new();
    private readonly EndpointConventions _spawn = new();
    private readonly EndpointConventions _read = new();
    private readonly EndpointConventions _send = new();
    private readonly EndpointConventions _kill = new();
    private readonly EndpointConventions _list = new();

    internal ActorKindBuilder(string kind) => Kind = kind;

    /// <summary>The kind's name, the URL segment after the gateway's prefix.</summary>
    public string Kind { get; }

    /// <summary><c>PUT {prefix}/{kind}/{id}</c>: spawning.</summary>
    public IEndpointConventionBuilder Spawn => _spawn;

    /// <summary><c>GET</c> and <c>HEAD {prefix}/{kind}/{id}</c>: reading an actor's state and testing that it exists.</summary>
    public IEndpointConventionBuilder Read => _read;

    /// <summary><c>POST {prefix}/{kind}/{id}/{message}</c>: sending every message of the kind.</summary>
    public IEndpointConventionBuilder Send => _send;

    /// <summary><c>DELETE {prefix}/{kind}/{id}</c>: killing.</summary>
    public IEndpointConventionBuilder Kill => _kill;

    /// <summary><c>GET {prefix}/{kind}</c>: listing live ids.</summary>
    public IEndpointConventionBuilder List => _list;

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention) => _kind.Add(convention);

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention) => _kind.Finally(finallyConvention);

    internal void ApplyKindConventions(IEndpointConventionBuilder endpoint) => _kind.ApplyTo(endpoint);

    internal void ApplyTo(IEndpointConventionBuilder endpoint, GatewayOperation operation)
    {
        _kind.ApplyTo(endpoint);
        EndpointConventions narrowed = operation switch
        {
            GatewayOperation.Spawn => _spawn,
            GatewayOperation.Read => _read,
            GatewayOperation.Send => _send,
            GatewayOperation.Kill => _kill,
            _ => _list,
        };
        narrowed.ApplyTo(endpoint);
    }
}

/// <summary>The operations of a kind that can carry their own conventions.</summary>
internal enum GatewayOperation
{
    Spawn,
    Read,
    Send,
    Kill,
    List,
}

using Microsoft.AspNetCore.Builder;

namespace TypedActors.Http;

/// <summary>
/// Conventions collected for some of the gateway's endpoints before they exist: each is applied to every endpoint
/// mapped for it, including ones added after mapping (they are forwarded at once).
/// </summary>
internal sealed class EndpointConventions : IEndpointConventionBuilder
{
    private readonly List<Action<EndpointBuilder>> _conventions = [];
    private readonly List<Action<EndpointBuilder>> _finallyConventions = [];
    private readonly List<IEndpointConventionBuilder> _endpoints = [];

    public void Add(Action<EndpointBuilder> convention)
    {
        ArgumentNullException.ThrowIfNull(convention);
        _conventions.Add(convention);
        foreach (IEndpointConventionBuilder endpoint in _endpoints)
        {
            endpoint.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        ArgumentNullException.ThrowIfNull(finallyConvention);
        _finallyConventions.Add(finallyConvention);
        foreach (IEndpointConventionBuilder endpoint in _endpoints)
        {
            endpoint.Finally(finallyConvention);
        }
    }

    /// <summary>Applies every convention so far to <paramref name="endpoint"/>, and every later one too.</summary>
    public void ApplyTo(IEndpointConventionBuilder endpoint)
    {
        _endpoints.Add(endpoint);
        foreach (Action<EndpointBuilder> convention in _conventions)
        {
            endpoint.Add(convention);
        }

        foreach (Action<EndpointBuilder> convention in _finallyConventions)
        {
            endpoint.Finally(convention);
        }
    }
}

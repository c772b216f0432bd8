using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Ask;

/// <summary>An actor of one framework that answers every request with a reply; disposing shuts the framework down.</summary>
public interface IEcho : IAsyncDisposable
{
    /// <summary>One request/reply round trip from outside the actor system, through the framework's own ask API.</summary>
    Task<Token> Ask();
}

using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Ask;

/// <summary>The generated typed <c>Ask</c> with the system's default ask timeout.</summary>
public sealed class TypedActorsEcho : IEcho
{
    private readonly ActorSystem _system = new();
    private readonly ActorRef<TypedEcho> _echo;

    public TypedActorsEcho() => _echo = _system.Spawn<TypedEcho>();

    public Task<Token> Ask() => _echo.Ask(Token.Instance);

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

public partial class TypedEcho : Actor
{
    [Receive]
    Token On(Token request) => request;
}

namespace TypedActors.Benchmarks.Ask;

using Proto;
using TypedActors.Benchmarks.Shared;

/// <summary><c>RequestAsync&lt;T&gt;</c> from the root context with Proto.Actor's default request timeout; the actor <c>Respond</c>s.</summary>
public sealed class ProtoEcho : IEcho
{
    private readonly ActorSystem _system = new();
    private readonly PID _echo;

    public ProtoEcho() => _echo = _system.Root.Spawn(Props.FromProducer(() => new ProtoEchoActor()));

    public Task<Token> Ask() => _system.Root.RequestAsync<Token>(_echo, Token.Instance);

    public async ValueTask DisposeAsync() => await _system.ShutdownAsync().ConfigureAwait(false);
}

public sealed class ProtoEchoActor : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Token request)
        {
            context.Respond(request);
        }

        return Task.CompletedTask;
    }
}

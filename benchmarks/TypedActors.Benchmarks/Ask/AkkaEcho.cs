namespace TypedActors.Benchmarks.Ask;

using Akka.Actor;
using TypedActors.Benchmarks.Shared;

/// <summary><c>Ask&lt;T&gt;</c> with Akka.NET's default ask timeout; the actor replies to <c>Sender</c>.</summary>
public sealed class AkkaEcho : IEcho
{
    private readonly ActorSystem _system = AkkaSystems.Create();
    private readonly IActorRef _echo;

    public AkkaEcho() => _echo = _system.ActorOf(Props.Create(() => new AkkaEchoActor()));

    public Task<Token> Ask() => _echo.Ask<Token>(Token.Instance);

    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);
}

public sealed class AkkaEchoActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is Token)
        {
            Sender.Tell(message);
        }
        else
        {
            Unhandled(message);
        }
    }
}

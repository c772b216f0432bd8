namespace TypedActors.Benchmarks.PingPong;

using Akka.Actor;
using TypedActors.Benchmarks.Shared;

/// <summary>
/// Akka.NET with its default dispatcher and mailbox. The actors are <see cref="UntypedActor"/>s, the lowest-overhead
/// actor base Akka documents (a <c>ReceiveActor</c> adds a handler lookup per message); replies go to <c>Sender</c>.
/// </summary>
public sealed class AkkaPingPong : IPingPong
{
    private readonly ActorSystem _system = AkkaSystems.Create();
    private readonly IActorRef _server;
    private readonly IActorRef _returner;

    public AkkaPingPong()
    {
        _server = _system.ActorOf(Props.Create(() => new AkkaServer()));
        _returner = _system.ActorOf(Props.Create(() => new AkkaReturner()));
    }

    public Task Play(Rally rally)
    {
        _server.Tell(new AkkaServe(rally, _returner));
        return rally.Completed;
    }

    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);
}

public sealed record AkkaServe(Rally Rally, IActorRef Partner);

public sealed class AkkaServer : UntypedActor
{
    private Rally? _rally;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Token ball:
                if (_rally!.BallReturned())
                {
                    Sender.Tell(ball);
                }

                break;
            case AkkaServe serve:
                _rally = serve.Rally;
                for (int i = 0; i < serve.Rally.Opening; i++)
                {
                    serve.Partner.Tell(Token.Instance);
                }

                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

public sealed class AkkaReturner : UntypedActor
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

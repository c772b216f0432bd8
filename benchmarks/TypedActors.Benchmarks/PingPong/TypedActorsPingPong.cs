using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.PingPong;

public sealed class TypedActorsPingPong : IPingPong
{
    private readonly ActorSystem _system = new();
    private readonly ActorRef<TypedServer> _server;
    private readonly ActorRef<TypedReturner> _returner;

    public TypedActorsPingPong()
    {
        _server = _system.Spawn<TypedServer>();
        ActorRef<TypedServer> server = _server;
        _returner = _system.Spawn(() => new TypedReturner(server));
    }

    public Task Play(Rally rally)
    {
        _server.Tell(new TypedServe(rally, _returner));
        return rally.Completed;
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

/// <summary>Starts a rally against <paramref name="Partner"/>.</summary>
public sealed record TypedServe(Rally Rally, ActorRef<TypedReturner> Partner);

public partial class TypedServer : Actor
{
    private Rally? _rally;
    private ActorRef<TypedReturner> _partner;

    [Receive]
    void On(TypedServe serve)
    {
        _rally = serve.Rally;
        _partner = serve.Partner;
        for (int i = 0; i < serve.Rally.Opening; i++)
        {
            _partner.Tell(Token.Instance);
        }
    }

    [Receive]
    void On(Token ball)
    {
        if (_rally!.BallReturned())
        {
            _partner.Tell(ball);
        }
    }
}

public partial class TypedReturner : Actor
{
    private readonly ActorRef<TypedServer> _server;

    public TypedReturner(ActorRef<TypedServer> server) => _server = server;

    [Receive]
    void On(Token ball) => _server.Tell(ball);
}

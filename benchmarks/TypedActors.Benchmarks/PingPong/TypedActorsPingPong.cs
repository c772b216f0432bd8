using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.PingPong;

/// <summary>
/// The rally (the harness's shared, mutable bookkeeping) is not a message: copy-on-send would refuse it. So each play
/// spawns a fresh pair and hands the rally to the server through its constructor, the idiomatic way to give an actor
/// an object it owns. Two spawns per million messages do not show in the result.
/// </summary>
public sealed class TypedActorsPingPong(ActorSystem system) : IPingPong
{
    private readonly ActorSystem _system = system;

    public TypedActorsPingPong()
        : this(new ActorSystem())
    {
    }

    public async Task Play(Rally rally)
    {
        ActorRef<TypedServer> server = _system.Spawn(() => new TypedServer(rally));
        ActorRef<TypedReturner> returner = _system.Spawn(() => new TypedReturner(server));
        server.Tell(new TypedServe(returner));
        await rally.Completed;
        server.Stop();
        returner.Stop();
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

/// <summary>Starts a rally against <paramref name="Partner"/>.</summary>
public sealed record TypedServe(ActorRef<TypedReturner> Partner);

public partial class TypedServer : Actor
{
    private readonly Rally _rally;
    private ActorRef<TypedReturner> _partner;

    public TypedServer(Rally rally) => _rally = rally;

    [Receive]
    void On(TypedServe serve)
    {
        _partner = serve.Partner;
        for (int i = 0; i < _rally.Opening; i++)
        {
            _partner.Tell(Token.Instance);
        }
    }

    [Receive]
    void On(Token ball)
    {
        if (_rally.BallReturned())
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

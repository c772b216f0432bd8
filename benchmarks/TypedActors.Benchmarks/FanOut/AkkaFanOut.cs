namespace TypedActors.Benchmarks.FanOut;

using Akka.Actor;
using TypedActors.Benchmarks.Shared;

/// <summary>Akka.NET top-level <see cref="UntypedActor"/>s on the default dispatcher and mailbox.</summary>
public sealed class AkkaFanOut : IFanOutTargets
{
    private readonly ActorSystem _system = AkkaSystems.Create();
    private readonly IActorRef[] _counters;

    public AkkaFanOut(int actors, int quota, Rounds rounds)
    {
        _counters = new IActorRef[actors];
        Props props = Props.Create(() => new AkkaCounter(quota, rounds));
        for (int i = 0; i < actors; i++)
        {
            _counters[i] = _system.ActorOf(props);
        }
    }

    public void Send(int index) => _counters[index].Tell(Token.Instance);

    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);
}

public sealed class AkkaCounter(int quota, Rounds rounds) : UntypedActor
{
    private int _received;

    protected override void OnReceive(object message)
    {
        if (message is not Token)
        {
            Unhandled(message);
            return;
        }

        if (++_received == quota)
        {
            _received = 0;
            rounds.Signal();
        }
    }
}

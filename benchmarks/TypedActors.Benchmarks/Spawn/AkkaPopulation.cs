namespace TypedActors.Benchmarks.Spawn;

using Akka.Actor;
using TypedActors.Benchmarks.Shared;

/// <summary>Top-level actors under Akka.NET's user guardian, stopped with <c>Context.Stop(Self)</c>.</summary>
public sealed class AkkaPopulation : IActorPopulation
{
    private readonly ActorSystem _system = AkkaSystems.Create();
    private IActorRef[] _idle = [];

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Props props = Props.Create(() => new AkkaShortLived(stopped));
        for (int i = 0; i < count; i++)
        {
            _system.ActorOf(props).Tell(Token.Instance);
        }
    }

    public void ReserveIdle(int count) => _idle = new IActorRef[count];

    public void SpawnIdle(IdleSignals signals)
    {
        Props props = Props.Create(() => new AkkaIdle(signals));
        for (int i = 0; i < _idle.Length; i++)
        {
            _idle[i] = _system.ActorOf(props);
        }
    }

    public void TellIdleOnce(int start, int count)
    {
        foreach (IActorRef actor in _idle.AsSpan(start, count))
        {
            actor.Tell(Token.Instance);
        }
    }

    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);
}

public sealed class AkkaShortLived(Countdown stopped) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is Token)
        {
            Context.Stop(Self);
        }
        else
        {
            Unhandled(message);
        }
    }

    protected override void PostStop() => stopped.Signal();
}

public sealed class AkkaIdle(IdleSignals signals) : UntypedActor
{
    protected override void PreStart() => signals.Started.Signal();

    protected override void OnReceive(object message)
    {
        if (message is Token)
        {
            signals.Handled.Signal();
        }
        else
        {
            Unhandled(message);
        }
    }
}

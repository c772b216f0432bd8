namespace TypedActors.Benchmarks.Spawn;

using Akka.Actor;
using TypedActors.Benchmarks.Shared;

/// <summary>Top-level actors under Akka.NET's user guardian, stopped with <c>Context.Stop(Self)</c>.</summary>
public sealed class AkkaPopulation : IActorPopulation
{
    private readonly ActorSystem _system = AkkaSystems.Create();

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Props props = Props.Create(() => new AkkaShortLived(stopped));
        for (int i = 0; i < count; i++)
        {
            _system.ActorOf(props).Tell(Token.Instance);
        }
    }

    public void SpawnIdle(int count, Countdown started)
    {
        Props props = Props.Create(() => new AkkaIdle(started));
        for (int i = 0; i < count; i++)
        {
            _system.ActorOf(props);
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

public sealed class AkkaIdle(Countdown started) : UntypedActor
{
    protected override void PreStart() => started.Signal();

    protected override void OnReceive(object message) => Unhandled(message);
}

using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Spawn;

public sealed class TypedActorsPopulation : IActorPopulation
{
    private readonly ActorSystem _system = new();
    private ActorRef<TypedIdle>[] _idle = [];

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Func<TypedShortLived> create = () => new TypedShortLived(stopped);
        for (int i = 0; i < count; i++)
        {
            _system.Spawn(create).Tell(Token.Instance);
        }
    }

    public void ReserveIdle(int count) => _idle = new ActorRef<TypedIdle>[count];

    public void SpawnIdle(IdleSignals signals)
    {
        Func<TypedIdle> create = () => new TypedIdle(signals);
        for (int i = 0; i < _idle.Length; i++)
        {
            _idle[i] = _system.Spawn(create);
        }
    }

    public void TellIdleOnce(int start, int count)
    {
        foreach (ActorRef<TypedIdle> actor in _idle.AsSpan(start, count))
        {
            actor.Tell(Token.Instance);
        }
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

public partial class TypedShortLived(Countdown stopped) : Actor
{
    [Receive]
    void On(Token _) => Stop();

    protected override Task OnStopped()
    {
        stopped.Signal();
        return Task.CompletedTask;
    }
}

public partial class TypedIdle(IdleSignals signals) : Actor
{
    [Receive]
    void On(Token _) => signals.Handled.Signal();

    protected override Task OnStarted()
    {
        signals.Started.Signal();
        return Task.CompletedTask;
    }
}

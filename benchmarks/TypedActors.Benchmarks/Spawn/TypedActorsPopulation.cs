using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Spawn;

public sealed class TypedActorsPopulation : IActorPopulation
{
    private readonly ActorSystem _system = new();

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Func<TypedShortLived> create = () => new TypedShortLived(stopped);
        for (int i = 0; i < count; i++)
        {
            _system.Spawn(create).Tell(Token.Instance);
        }
    }

    public void SpawnIdle(int count, Countdown started)
    {
        Func<TypedIdle> create = () => new TypedIdle(started);
        for (int i = 0; i < count; i++)
        {
            _system.Spawn(create);
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

public partial class TypedIdle(Countdown started) : Actor
{
    [Receive]
    void On(Token _)
    {
    }

    protected override Task OnStarted()
    {
        started.Signal();
        return Task.CompletedTask;
    }
}

namespace TypedActors.Benchmarks.Spawn;

using Proto;
using TypedActors.Benchmarks.Shared;

/// <summary>Actors spawned from Proto.Actor's root context, stopped with <c>context.Stop(context.Self)</c>.</summary>
public sealed class ProtoPopulation : IActorPopulation
{
    private readonly ActorSystem _system = new();

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Props props = Props.FromProducer(() => new ProtoShortLived(stopped));
        IRootContext root = _system.Root;
        for (int i = 0; i < count; i++)
        {
            root.Send(root.Spawn(props), Token.Instance);
        }
    }

    public void SpawnIdle(int count, Countdown started)
    {
        Props props = Props.FromProducer(() => new ProtoIdle(started));
        IRootContext root = _system.Root;
        for (int i = 0; i < count; i++)
        {
            root.Spawn(props);
        }
    }

    public async ValueTask DisposeAsync() => await _system.ShutdownAsync().ConfigureAwait(false);
}

public sealed class ProtoShortLived(Countdown stopped) : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Token:
                context.Stop(context.Self);
                break;
            case Stopped:
                stopped.Signal();
                break;
        }

        return Task.CompletedTask;
    }
}

public sealed class ProtoIdle(Countdown started) : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Started)
        {
            started.Signal();
        }

        return Task.CompletedTask;
    }
}

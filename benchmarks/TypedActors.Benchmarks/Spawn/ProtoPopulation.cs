namespace TypedActors.Benchmarks.Spawn;

using Proto;
using TypedActors.Benchmarks.Shared;

/// <summary>Actors spawned from Proto.Actor's root context, stopped with <c>context.Stop(context.Self)</c>.</summary>
public sealed class ProtoPopulation : IActorPopulation
{
    private readonly ActorSystem _system = new();
    private PID[] _idle = [];

    public void SpawnAndStop(int count, Countdown stopped)
    {
        Props props = Props.FromProducer(() => new ProtoShortLived(stopped));
        IRootContext root = _system.Root;
        for (int i = 0; i < count; i++)
        {
            root.Send(root.Spawn(props), Token.Instance);
        }
    }

    public void ReserveIdle(int count) => _idle = new PID[count];

    public void SpawnIdle(IdleSignals signals)
    {
        Props props = Props.FromProducer(() => new ProtoIdle(signals));
        IRootContext root = _system.Root;
        for (int i = 0; i < _idle.Length; i++)
        {
            _idle[i] = root.Spawn(props);
        }
    }

    public void TellIdleOnce(int start, int count)
    {
        IRootContext root = _system.Root;
        foreach (PID actor in _idle.AsSpan(start, count))
        {
            root.Send(actor, Token.Instance);
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

public sealed class ProtoIdle(IdleSignals signals) : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                signals.Started.Signal();
                break;
            case Token:
                signals.Handled.Signal();
                break;
        }

        return Task.CompletedTask;
    }
}

namespace TypedActors.Benchmarks.FanOut;

using Proto;
using TypedActors.Benchmarks.Shared;

/// <summary>Proto.Actor root-spawned actors on the default dispatcher and unbounded mailbox.</summary>
public sealed class ProtoFanOut : IFanOutTargets
{
    private readonly ActorSystem _system = new();
    private readonly PID[] _counters;

    public ProtoFanOut(int actors, int quota, Rounds rounds)
    {
        _counters = new PID[actors];
        Props props = Props.FromProducer(() => new ProtoCounter(quota, rounds));
        for (int i = 0; i < actors; i++)
        {
            _counters[i] = _system.Root.Spawn(props);
        }
    }

    public void Send(int index) => _system.Root.Send(_counters[index], Token.Instance);

    public async ValueTask DisposeAsync() => await _system.ShutdownAsync().ConfigureAwait(false);
}

public sealed class ProtoCounter(int quota, Rounds rounds) : IActor
{
    private int _received;

    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Token && ++_received == quota)
        {
            _received = 0;
            rounds.Signal();
        }

        return Task.CompletedTask;
    }
}

using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.FanOut;

public sealed class TypedActorsFanOut : IFanOutTargets
{
    private readonly ActorSystem _system = new();
    private readonly ActorRef<TypedCounter>[] _counters;

    /// <param name="mailbox">A bound for every counter's mailbox, or null for the unbounded default.</param>
    public TypedActorsFanOut(int actors, int quota, Rounds rounds, MailboxOptions? mailbox = null)
    {
        _counters = new ActorRef<TypedCounter>[actors];
        for (int i = 0; i < actors; i++)
        {
            _counters[i] = mailbox is null
                ? _system.Spawn(() => new TypedCounter(quota, rounds))
                : _system.Spawn(() => new TypedCounter(quota, rounds), mailbox);
        }
    }

    public void Send(int index) => _counters[index].Tell(Token.Instance);

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

public partial class TypedCounter(int quota, Rounds rounds) : Actor
{
    private int _received;

    [Receive]
    void On(Token _)
    {
        if (++_received == quota)
        {
            _received = 0;
            rounds.Signal();
        }
    }
}

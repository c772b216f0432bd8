using System.Threading.Channels;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.FanOut;

/// <summary>
/// The floor: one consumer worker per core, each draining an unbounded multi-writer channel of target numbers and
/// counting for the targets it owns. Messages cross threads exactly as they do between actors, but there is no
/// per-actor mailbox or scheduling at all.
/// </summary>
public sealed class ChannelFanOut : IFanOutTargets
{
    private readonly Channel<int>[] _workers;
    private readonly Task[] _consumers;

    public ChannelFanOut(int actors, int quota, Rounds rounds)
    {
        _workers = new Channel<int>[Environment.ProcessorCount];
        _consumers = new Task[_workers.Length];
        int[] received = new int[actors];
        for (int i = 0; i < _workers.Length; i++)
        {
            Channel<int> channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
            _workers[i] = channel;
            _consumers[i] = Task.Run(() => Consume(channel.Reader, received, quota, rounds));
        }
    }

    public void Send(int index) => _workers[index % _workers.Length].Writer.TryWrite(index);

    public async ValueTask DisposeAsync()
    {
        foreach (Channel<int> worker in _workers)
        {
            worker.Writer.Complete();
        }

        await Task.WhenAll(_consumers).ConfigureAwait(false);
    }

    private static async Task Consume(ChannelReader<int> inbox, int[] received, int quota, Rounds rounds)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out int index))
            {
                if (++received[index] == quota)
                {
                    received[index] = 0;
                    rounds.Signal();
                }
            }
        }
    }
}

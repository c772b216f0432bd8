using System.Threading.Channels;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.PingPong;

/// <summary>
/// The floor: two thread-pool workers handing the balls over through a pair of unbounded single-reader,
/// single-writer channels. No mailbox scheduling, no dispatch, no actor bookkeeping.
/// </summary>
public sealed class ChannelPingPong : IPingPong
{
    private static readonly UnboundedChannelOptions OneToOne = new() { SingleReader = true, SingleWriter = true };

    public Task Play(Rally rally)
    {
        Channel<Token> toReturner = Channel.CreateUnbounded<Token>(OneToOne);
        Channel<Token> toServer = Channel.CreateUnbounded<Token>(OneToOne);
        Task server = Task.Run(() => Serve(rally, toServer.Reader, toReturner.Writer));
        Task returner = Task.Run(() => Return(toReturner.Reader, toServer.Writer));
        return Task.WhenAll(server, returner);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task Serve(Rally rally, ChannelReader<Token> inbox, ChannelWriter<Token> outbox)
    {
        for (int i = 0; i < rally.Opening; i++)
        {
            outbox.TryWrite(Token.Instance);
        }

        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out Token? ball))
            {
                if (rally.BallReturned())
                {
                    outbox.TryWrite(ball);
                }
                else if (rally.Completed.IsCompleted)
                {
                    outbox.Complete();
                    return;
                }
            }
        }
    }

    private static async Task Return(ChannelReader<Token> inbox, ChannelWriter<Token> outbox)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out Token? ball))
            {
                outbox.TryWrite(ball);
            }
        }
    }
}

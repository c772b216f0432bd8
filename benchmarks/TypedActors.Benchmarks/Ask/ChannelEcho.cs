using System.Threading.Channels;
using TypedActors.Benchmarks.Shared;

namespace TypedActors.Benchmarks.Ask;

/// <summary>
/// The floor: a request is a task completion source written to a channel; one worker completes it. The completion
/// runs the caller's continuation asynchronously, as every actor framework must, so the reply never runs caller code
/// on the worker.
/// </summary>
public sealed class ChannelEcho : IEcho
{
    private readonly Channel<TaskCompletionSource<Token>> _requests =
        Channel.CreateUnbounded<TaskCompletionSource<Token>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _worker;

    public ChannelEcho() => _worker = Task.Run(Answer);

    public Task<Token> Ask()
    {
        var request = new TaskCompletionSource<Token>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite(request);
        return request.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.Complete();
        await _worker.ConfigureAwait(false);
    }

    private async Task Answer()
    {
        ChannelReader<TaskCompletionSource<Token>> inbox = _requests.Reader;
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out TaskCompletionSource<Token>? request))
            {
                request.TrySetResult(Token.Instance);
            }
        }
    }
}

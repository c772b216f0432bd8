using System.Collections.Concurrent;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// This process's answers to asks of delivered batches that their actors did not answer on the spot, by a token the
/// batch's answer carries instead (<see cref="AskOutcome.PendingAs"/>): the batch's call returns without them, so no
/// answer in a batch waits for another, and each one's sender fetches it with a call of its own
/// (<see cref="IActorGrain.Answer"/>). Tokens are unique in the process, so an answer outlives its actor, a new
/// incarnation of a named actor, and the inbox it came through. An answer still here when it is ready (its sender has
/// not come for it yet) is dropped <see cref="Retention"/> later unless taken meanwhile.
/// </summary>
internal sealed class PendingAnswers(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, Task<byte[]>> _answers = new();
    private long _lastToken;

    /// <summary>Keeps <paramref name="answer"/> and returns the pending outcome that names it.</summary>
    public byte[] Add(Task<byte[]> answer)
    {
        long token = Interlocked.Increment(ref _lastToken);
        _answers[token] = answer;
        _ = answer.ContinueWith(
            static (answered, state) =>
            {
                var (self, token) = ((PendingAnswers, long))state!;
                if (self._answers.ContainsKey(token)) // usually taken long before it is ready
                {
                    self.DropLater(token, answered);
                }
            },
            (this, token), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return AskOutcome.PendingAs(token);
    }

    /// <summary>The answer named <paramref name="token"/>, once: null when there is none (already taken, or dropped).</summary>
    public Task<byte[]>? Take(long token) => _answers.TryRemove(token, out Task<byte[]>? answer) ? answer : null;

    private void DropLater(long token, Task<byte[]> answer)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                _answers.TryRemove(new KeyValuePair<long, Task<byte[]>>(token, answer));
                timer?.Dispose();
            },
            null, Retention, Timeout.InfiniteTimeSpan);
    }
}

using System.Collections.Concurrent;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// The asks of delivered batches that their actor did not answer on the spot, by their sequence: the batch's call
/// returns without them (so no answer in a batch waits for another), and each one's sender comes for it with a call of
/// its own (<see cref="IActorGrain.Answer"/>). An answer nobody comes for (its sender left the cluster) is dropped
/// <see cref="Retention"/> after it is ready.
/// </summary>
internal sealed class PendingAnswers
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Sequence, Task<byte[]>> _answers = new();

    public void Add(Sequence ask, Task<byte[]> answer)
    {
        _answers[ask] = answer;
        _ = answer.ContinueWith(
            static (answered, state) =>
            {
                var (answers, ask) = ((PendingAnswers, Sequence))state!;
                _ = Task.Delay(Retention).ContinueWith(
                    static (_, state) =>
                    {
                        var (answers, ask, answer) = ((PendingAnswers, Sequence, Task<byte[]>))state!;
                        answers._answers.TryRemove(new KeyValuePair<Sequence, Task<byte[]>>(ask, answer));
                    },
                    (answers, ask, answered), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            },
            (this, ask), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The answer to <paramref name="ask"/>, once: null when there is none (already taken, or dropped).</summary>
    public Task<byte[]>? Take(Sequence ask) => _answers.TryRemove(ask, out Task<byte[]>? answer) ? answer : null;
}

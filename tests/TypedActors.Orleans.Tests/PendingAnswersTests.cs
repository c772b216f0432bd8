using Microsoft.Extensions.Time.Testing;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans.Tests;

/// <summary>Answers of batched asks that were not answered on the spot, kept until their senders fetch them.</summary>
public sealed class PendingAnswersTests
{
    [Fact]
    public void A_pending_outcome_names_its_answer_and_the_answer_is_taken_once()
    {
        var answers = new PendingAnswers(new FakeTimeProvider());
        var answer = new TaskCompletionSource<byte[]>();

        byte[] first = answers.Add(answer.Task);
        byte[] second = answers.Add(new TaskCompletionSource<byte[]>().Task);

        Assert.True(AskOutcome.IsPending(first, out long token));
        Assert.True(AskOutcome.IsPending(second, out long other));
        Assert.NotEqual(token, other);
        Assert.False(AskOutcome.IsPending([0, 1], out _));
        Assert.Same(answer.Task, answers.Take(token));
        Assert.Null(answers.Take(token));
    }

    [Fact]
    public void An_answer_nobody_fetches_is_dropped_a_retention_period_after_it_is_ready()
    {
        var time = new FakeTimeProvider();
        var answers = new PendingAnswers(time);
        var answer = new TaskCompletionSource<byte[]>();
        AskOutcome.IsPending(answers.Add(answer.Task), out long token);

        time.Advance(PendingAnswers.Retention * 2); // not ready yet: kept however long the handler takes
        answer.SetResult([0, 7]);
        time.Advance(PendingAnswers.Retention - TimeSpan.FromSeconds(1));
        Assert.NotNull(answers.Take(token)); // still there just before the retention ends

        var late = new TaskCompletionSource<byte[]>();
        AskOutcome.IsPending(answers.Add(late.Task), out long lateToken);
        late.SetResult([0, 8]);
        time.Advance(PendingAnswers.Retention);
        Assert.Null(answers.Take(lateToken));
    }
}

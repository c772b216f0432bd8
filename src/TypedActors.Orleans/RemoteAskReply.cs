using MessagePack;
using TypedActors.Dispatching;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// The reply channel of an ask that came from another process: the outcome becomes the bytes the grain call returns
/// (see <see cref="AskOutcome"/>). For a grain call it completes synchronously (<paramref name="completeInline"/>), so
/// the response leaves without a detour through the thread pool; the actor's synchronization context is lifted
/// meanwhile, so Orleans' continuations never queue into the actor's turns.
/// </summary>
internal sealed class RemoteAskReply(object message, MessagePackSerializerOptions options, bool completeInline)
    : WireReply(message, options, AskOutcome.HeaderLength)
{
    private readonly TaskCompletionSource<byte[]> _outcome =
        new(completeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<byte[]> Outcome => _outcome.Task;

    protected override void OnSettled(byte[]? value, Exception? failure)
    {
        byte[] outcome = failure is null ? value! : Failed(failure); // a reply comes with its header: 0, success
        using (OutsideActorTurn.Enter())
        {
            _outcome.TrySetResult(outcome);
        }
    }

    private static byte[] Failed(Exception failure) => failure switch
    {
        DeadActorException dead => AskOutcome.Dead(dead.Reason ?? ExitReason.NoProcess),
        UnhandledMessageException => AskOutcome.Failed(FailureKind.Unhandled, null, null, null, null),
        RequestNotAnsweredException => AskOutcome.Failed(FailureKind.NotAnswered, null, null, null, null),

        // The handler's own exception: its type name, message and stack trace cross as text, like an exit reason.
        _ => AskOutcome.Failed(FailureKind.Handler, null, failure.GetType().FullName, failure.Message, failure.StackTrace),
    };
}

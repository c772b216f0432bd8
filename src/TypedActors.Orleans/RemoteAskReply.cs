using MessagePack;
using TypedActors.Dispatching;
using TypedActors.Orleans.Grains;

namespace TypedActors.Orleans;

/// <summary>
/// The reply channel of an ask that came from another process: the outcome becomes the <see cref="AskOutcome"/> the
/// grain call returns. Completed synchronously, so the response leaves without a detour through the thread pool; the
/// actor's synchronization context is lifted meanwhile, so Orleans' continuations never queue into the actor's turns.
/// </summary>
internal sealed class RemoteAskReply(object message, MessagePackSerializerOptions options) : WireReply(message, options)
{
    private readonly TaskCompletionSource<AskOutcome> _outcome = new();

    public Task<AskOutcome> Outcome => _outcome.Task;

    protected override void OnSettled(byte[]? value, Exception? failure)
    {
        AskOutcome outcome = failure is null ? new AskOutcome(value, null, null, null, null, null) : Failed(failure);
        using (OutsideActorTurn.Enter())
        {
            _outcome.TrySetResult(outcome);
        }
    }

    private static AskOutcome Failed(Exception failure) => failure switch
    {
        DeadActorException dead => ClusterNode.Dead(dead.Reason ?? ExitReason.NoProcess),
        UnhandledMessageException => new AskOutcome(null, FailureKind.Unhandled, null, null, null, null),
        RequestNotAnsweredException => new AskOutcome(null, FailureKind.NotAnswered, null, null, null, null),

        // The handler's own exception: its type name, message and stack trace cross as text, like an exit reason.
        _ => new AskOutcome(null, FailureKind.Handler, failure.GetType().FullName, failure.Message, failure.StackTrace, null),
    };
}

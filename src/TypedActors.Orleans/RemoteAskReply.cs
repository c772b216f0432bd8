using MessagePack;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>
/// The reply channel of an ask that came from another process: the outcome becomes the bytes the grain call returns
/// (see <see cref="AskOutcome"/>). An actor that answers before <see cref="Outcome"/> is read (an idle actor whose turn
/// ran on the grain call's thread) hands its bytes over directly, with no completion source at all. A later answer
/// completes one: for a grain call synchronously (<paramref name="completeInline"/>), since Orleans resumes a grain call
/// on the activation's own scheduler; for a node endpoint asynchronously, since Orleans may continue an observer call
/// inline. Either way the actor's synchronization context is lifted meanwhile, so Orleans' continuations never queue
/// into the actor's turns.
/// </summary>
/// <remarks>
/// Only the death of <paramref name="target"/> itself answers "dead": a <see cref="DeadActorException"/> a handler let
/// through (an ask of another actor that died) is the handler's failure, or the sender would take the target for dead
/// (and a durable actor's sender would send the request again, running the handler twice).
/// </remarks>
internal sealed class RemoteAskReply(object message, MessagePackSerializerOptions options, bool completeInline, Address target)
    : WireReply(message, options, AskOutcome.HeaderLength)
{
    private const int Pending = 0, Awaited = 1, Settled = 2;
    private int _state;
    private byte[]? _outcome;
    private TaskCompletionSource<byte[]>? _awaiter;

    /// <summary>The outcome: at once when the actor has already answered. Read once, after delivering the request.</summary>
    public ValueTask<byte[]> Outcome
    {
        get
        {
            if (Volatile.Read(ref _state) == Settled)
            {
                return new(_outcome!);
            }

            _awaiter = new(completeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
            return Interlocked.CompareExchange(ref _state, Awaited, Pending) == Pending
                ? new(_awaiter.Task)
                : new(_outcome!); // answered meanwhile
        }
    }

    protected override void OnSettled(byte[]? value, Exception? failure)
    {
        _outcome = failure is null ? value! : Failed(failure); // a reply comes with its header: 0, success
        if (Interlocked.Exchange(ref _state, Settled) == Awaited)
        {
            using (OutsideActorTurn.Enter())
            {
                _awaiter!.TrySetResult(_outcome);
            }
        }
    }

    private byte[] Failed(Exception failure) => failure switch
    {
        DeadActorException dead when dead.Actor == target => AskOutcome.Dead(dead.Reason ?? ExitReason.NoProcess),
        UnhandledMessageException => AskOutcome.Failed(FailureKind.Unhandled, null, null, null, null),
        RequestNotAnsweredException => AskOutcome.Failed(FailureKind.NotAnswered, null, null, null, null),
        MailboxFullException => AskOutcome.Failed(FailureKind.MailboxFull, null, null, null, null),

        // The handler's own exception: its type name, message and stack trace cross as text, like an exit reason.
        _ => AskOutcome.Failed(FailureKind.Handler, null, failure.GetType().FullName, failure.Message, failure.StackTrace),
    };
}

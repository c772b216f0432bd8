using TypedActors.Copying.Serialization;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>The receiving side: what a grain or the node endpoint does with a delivery for a local actor.</summary>
internal sealed partial class ClusterNode
{
    public WireExitReason? DeliverTell(ActorProcess target, ReadOnlyMemory<byte> message)
    {
        if (target.IsDead)
        {
            return WireExitReason.From(ExitReasonOf(target));
        }

        target.DeliverMessage(WireMessages.Deserialize(message, Wire));
        return null;
    }

    /// <summary>
    /// Delivers a request and returns the task of its outcome. From a grain (<paramref name="fromGrain"/>), an idle
    /// actor's turn runs right here and the outcome completes synchronously: Orleans continues a grain call on the
    /// activation's own scheduler, so nothing of Orleans runs inside the actor's turn. A node endpoint (an observer)
    /// has no such scheduler, Orleans may continue its calls inline, so there the actor's turn is queued as usual and
    /// the outcome's continuations run asynchronously.
    /// </summary>
    public ValueTask<byte[]> DeliverAsk(ActorProcess target, ReadOnlyMemory<byte> message, bool fromGrain)
    {
        if (target.IsDead)
        {
            return new(AskOutcome.Dead(ExitReasonOf(target)));
        }

        var reply = new RemoteAskReply(WireMessages.Deserialize(message, Wire), Wire, completeInline: fromGrain, target.Address);
        target.DeliverAsk(reply, runHereWhenIdle: fromGrain); // a grain call waits for the reply: a synchronous handler answers at once

        return reply.Outcome;
    }

    /// <summary>
    /// Delivers a batch in order and returns its outcomes at once: an ask the actor answered on the spot (an idle actor
    /// with a synchronous handler) has its answer there; any other is kept in <see cref="PendingAnswers"/>, and its
    /// outcome names it (<see cref="AskOutcome.PendingAs"/>) for its sender to fetch, so no answer waits for another. A delivery that
    /// cannot be read fails alone, as its own call would have; the others are delivered.
    /// </summary>
    public byte[] DeliverBatch(ActorProcess target, byte[] batch, bool fromGrain)
    {
        (DeliveryKind Kind, ReadOnlyMemory<byte> Message)[] deliveries = DeliveryBatch.Read(batch);
        var outcomes = new byte[deliveries.Length][];
        for (int i = 0; i < deliveries.Length; i++)
        {
            try
            {
                if (deliveries[i].Kind == DeliveryKind.Tell)
                {
                    outcomes[i] = DeliverTell(target, deliveries[i].Message) is { } dead ? AskOutcome.Dead(dead.ToReason()) : [];
                    continue;
                }

                ValueTask<byte[]> answered = DeliverAsk(target, deliveries[i].Message, fromGrain);
                if (answered.IsCompletedSuccessfully)
                {
                    outcomes[i] = answered.Result;
                }
                else
                {
                    outcomes[i] = PendingAnswers.Add(answered.AsTask());
                }
            }
            catch (Exception exception)
            {
                outcomes[i] = Undelivered(exception);
            }
        }

        return DeliveryBatch.WriteOutcomes(outcomes);
    }

    /// <summary>The outcomes of a batch sent to an actor that is gone: every delivery finds it dead.</summary>
    public static byte[] DeadBatch(byte[] batch, ExitReason reason)
    {
        byte[] dead = AskOutcome.Dead(reason);
        return DeliveryBatch.WriteOutcomes(Enumerable.Repeat(dead, DeliveryBatch.Count(batch)).ToArray());
    }

    private static byte[] Undelivered(Exception exception) => AskOutcome.Undelivered(exception.GetType().FullName, exception.Message);

    /// <summary>The answer to an ask of a batch that its actor did not answer on the spot; null when there is none.</summary>
    public ValueTask<byte[]>? Answer(long token) => PendingAnswers.Take(token) is { } answer ? new(answer) : null;

    /// <summary>What a sender gets for an answer that is not (or no longer) here.</summary>
    public static byte[] NoAnswer(long token) =>
        AskOutcome.Undelivered(null, $"No answer {token} is pending here: it was already taken, or dropped {PendingAnswers.Retention.TotalSeconds:0} s after it was ready.");

    public SignalResult DeliverSignal(ActorProcess target, ActorSignal signal)
    {
        ActorProcess? from = signal.From is null ? null : ResolveProcess(signal.From, signal.FromType);
        ExitReason reason = signal.Reason?.ToReason() ?? ExitReason.Normal;
        switch (signal.Kind)
        {
            case SignalKind.Link when from is not null:
                if (target.AddLink(from) is { } deadOnLink)
                {
                    return new SignalResult(WireExitReason.From(deadOnLink), Silo);
                }

                Relations.Track(RelationPeer.Of(signal.FromSilo, from), target, from, RelationKind.Linked);
                break;
            case SignalKind.Unlink when from is not null:
                target.RemoveLink(from);
                Relations.Forget(target, from, RelationKind.Linked);
                break;
            case SignalKind.Monitor when from is not null:
                if (target.AddWatcher(from) is { } deadOnMonitor)
                {
                    return new SignalResult(WireExitReason.From(deadOnMonitor), Silo);
                }

                Relations.Track(RelationPeer.Of(signal.FromSilo, from), target, from, RelationKind.MonitoredBy);
                break;
            case SignalKind.Demonitor when from is not null:
                target.RemoveWatcher(from);
                Relations.Forget(target, from, RelationKind.MonitoredBy);
                break;
            case SignalKind.Exit when from is not null:
                Relations.Forget(target, from, RelationKind.Linked);
                target.OnExitSignal(from, reason);
                break;
            case SignalKind.Down when from is not null:
                Relations.Forget(target, from, RelationKind.Monitoring);
                target.DeliverDown(new Down(from.Address, reason));
                break;
            case SignalKind.Kill:
                target.Kill(reason);
                break;
            case SignalKind.Stop:
                target.Stop();
                break;
            default:
                throw new ArgumentException($"The {signal.Kind} signal needs the address of the actor it comes from.", nameof(signal));
        }

        return new SignalResult(null, Silo);
    }

    /// <summary>Why a dead actor ended: its recorded reason, even while it is still terminating.</summary>
    private ExitReason ExitReasonOf(ActorProcess target) => Remoting.ExitReasonOf(target) ?? ExitReason.NoProcess;
}

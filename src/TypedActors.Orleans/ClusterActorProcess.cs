using MessagePack;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TypedActors.Copying.Serialization;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;

namespace TypedActors.Orleans;

/// <summary>
/// What an <see cref="Address"/> points at when the actor lives elsewhere in the cluster: deliveries are serialized in
/// the wire format and sent to the actor's grain (or its process's node endpoint), through this process's
/// <see cref="Outbox"/> to the actor. Links and monitors become signals. The runtime's <see cref="RemoteProcess"/> takes
/// the deliveries apart, keeps what is known of the actor's death, and makes processes with the same cluster key equal.
/// </summary>
internal sealed class ClusterActorProcess(ClusterNode node, string clusterKey, ClusterKey key, Type actorType)
    : RemoteProcess(node.System, clusterKey, actorType)
{
    /// <summary>The parsed cluster key: whether the actor is a grain or served by a process's node endpoint.</summary>
    public ClusterKey Key => key;

    /// <summary>This process's outbox to the actor, which numbers and sends every delivery and signal.</summary>
    private Outbox Outbox => node.OutboxOf(ClusterKey, key);

    private int _locating; // 1 once a lookup of the actor's silo was started (see Located)

    /// <summary>
    /// The silo hosting the actor answered for it: remembered (see <see cref="ActorHosts"/>), so that the silo's loss
    /// marks this reference lost.
    /// </summary>
    public void Located(SiloAddress? host)
    {
        if (host is not null && !key.IsDurable) // a durable actor outlives its silo: the next message reactivates it
        {
            node.Hosts.Locate(this, host);
        }
    }

    /// <summary>
    /// A durable actor is never dead for this process: its end or its silo's loss ends one incarnation, and the next
    /// message activates another, recovered from the journal.
    /// </summary>
    protected override bool Reactivates => key.IsDurable;

    /// <summary>The actor's silo was declared dead: the actor is dead for good, with noconnection.</summary>
    public bool OnHostLost() => MarkLost();

    /// <summary>
    /// A delivery reached the actor, whose silo is not known yet (a reference read from a message): look it up once,
    /// now that its grain is active.
    /// </summary>
    private void LocateAfterDelivery()
    {
        if (!key.IsNode && !key.IsDurable && Volatile.Read(ref _locating) == 0 && Interlocked.Exchange(ref _locating, 1) == 0 && node.Hosts.HostOf(this) is null)
        {
            _ = Task.Run(() => node.LocateAsync(this));
        }
    }

    // ---- deliveries --------------------------------------------------------------------------------------------

    protected override void Tell(object message) => Tell(message, resent: false);

    /// <summary>
    /// A delivery answered "dead" by a durable actor reached an incarnation that was ending (see
    /// <see cref="Reactivates"/>): it was not handled, and its grain is deactivating, so it is sent once more, which
    /// Orleans gives to the next activation. Sent again and still answered "dead" (the next incarnation ended too), it
    /// fails as for any actor.
    /// </summary>
    private bool SendsAgain(bool resent) => Reactivates && !resent;

    private void Tell(object message, bool resent)
    {
        byte[] frame = WireMessages.Serialize(message, node.Wire, DeliveryFrame.HeaderLength);
        Sent<WireExitReason?> told = Outbox.Tell(frame);
        if (told.Result.IsCompleted)
        {
            OnTold((message, resent), told);
        }
        else
        {
            new PendingCall<(object, bool), WireExitReason?>(this, (message, resent), told, static (self, delivery, told) => self.OnTold(delivery, told)).Register();
        }
    }

    /// <summary>Reads the result of a tell (exactly once: Orleans pools what backs the value task).</summary>
    private void OnTold((object Message, bool Resent) delivery, Sent<WireExitReason?> told)
    {
        object message = delivery.Message;
        told.SentAlone?.CallCompleted();
        WireExitReason? dead;
        try
        {
            dead = told.Result.GetAwaiter().GetResult();
        }
        catch (OutboxFullException)
        {
            DeadLetter(message, DeadLetterReason.MailboxFull); // counted here: it never left this process
            return;
        }
        catch (Exception) when (IsDead)
        {
            DeadLetter(message, DeadLetterReason.RecipientDead); // its silo was lost meanwhile (see OnAnswered)
            return;
        }
        catch (Exception exception)
        {
            LogUnreachable("a message", exception);
            DeadLetter(message, DeadLetterReason.Unreachable);
            return;
        }

        if (dead is not null)
        {
            if (SendsAgain(delivery.Resent))
            {
                Tell(message, resent: true);
                return;
            }

            MarkDead(dead.ToReason());
            DeadLetter(message, DeadLetterReason.RecipientDead);
            return;
        }

        LocateAfterDelivery();
    }

    protected override void Ask(RemoteAsk ask) => Ask(ask, resent: false);

    private void Ask(RemoteAsk ask, bool resent)
    {
        byte[] frame;
        try
        {
            frame = WireMessages.Serialize(ask.Message, node.Wire, DeliveryFrame.HeaderLength);
        }
        catch (MessagePackSerializationException exception)
        {
            ask.Fail(exception);
            return;
        }

        Sent<byte[]> asked = Outbox.Ask(frame);
        if (asked.Result.IsCompleted)
        {
            OnAnswered((ask, resent), asked);
        }
        else
        {
            new PendingCall<(RemoteAsk, bool), byte[]>(this, (ask, resent), asked, static (self, delivery, asked) => self.OnAnswered(delivery, asked)).Register();
        }
    }

    /// <summary>Reads the outcome of an ask (exactly once: Orleans pools what backs the value task).</summary>
    private void OnAnswered((RemoteAsk Ask, bool Resent) delivery, Sent<byte[]> asked)
    {
        RemoteAsk ask = delivery.Ask;
        asked.SentAlone?.CallCompleted(); // first: the asker may ask again as soon as its reply is set
        byte[] answer;
        try
        {
            answer = asked.Result.GetAwaiter().GetResult();
        }
        catch (OutboxFullException)
        {
            ask.Fail(new MailboxFullException(Address));
            return;
        }
        catch (Exception) when (IsDead)
        {
            // The call failed because the actor died or its silo was lost, which this process learned meanwhile: that
            // is final, not a passing failure to reach it.
            DeadLetter(ask, Completion.Result);
            return;
        }
        catch (Exception cause)
        {
            ask.Fail(cause is TimeoutException
                ? new TimeoutException($"Ask of {ask.Message.GetType().Name} to {Address} got no reply: {cause.Message}", cause)
                : new ActorUnreachableException(Address, cause));
            return;
        }

        AskOutcome outcome;
        try
        {
            outcome = AskOutcome.Read(answer);
        }
        catch (MessagePackSerializationException exception)
        {
            ask.Fail(exception);
            return;
        }

        switch (outcome.Failure)
        {
            case null:
                ask.Complete(outcome.Value, node.Wire);
                LocateAfterDelivery();
                break;
            case FailureKind.Dead when SendsAgain(delivery.Resent):
                Ask(ask, resent: true);
                break;
            case FailureKind.Dead:
                ExitReason reason = outcome.Reason?.ToReason() ?? ExitReason.NoProcess;
                MarkDead(reason);
                DeadLetter(ask, reason);
                break;
            case FailureKind.Unhandled:
                ask.Fail(new UnhandledMessageException(Address, ask.Message.GetType()));
                break;
            case FailureKind.NotAnswered:
                ask.Fail(new RequestNotAnsweredException(Address, ask.Message.GetType()));
                break;
            case FailureKind.MailboxFull:
                ask.Fail(new MailboxFullException(Address));
                break;
            case FailureKind.Undelivered: // sent in a batch, and the receiver could not read it: as a failed call
                ask.Fail(new ActorUnreachableException(Address, new MessagePackSerializationException($"{outcome.ExceptionType}: {outcome.Message}")));
                break;
            default:
                ask.Fail(new RemoteActorException(Address, outcome.ExceptionType, outcome.Message, outcome.StackTrace));
                break;
        }
    }

    public override void Stop()
    {
        if (!IsDead) // a dead actor has nothing to stop, and its grain may be unreachable for good
        {
            Signal(SignalKind.Stop, from: null, reason: null);
        }
    }

    public override void Kill(ExitReason reason)
    {
        if (!IsDead)
        {
            Signal(SignalKind.Kill, from: null, reason);
        }
    }

    /// <summary>Why the actor is dead, when this process knows it: a link or monitor then ends at once, sending nothing.</summary>
    private ExitReason? KnownExit => IsDead ? Completion.Result : null;

    // ---- links and monitors ------------------------------------------------------------------------------------

    public override ExitReason? AddLink(ActorProcess other)
    {
        if (KnownExit is { } dead)
        {
            return dead;
        }

        Signal(SignalKind.Link, other, reason: null, onResult: (result, reason) =>
        {
            if (reason is null)
            {
                node.Relations.Track(RelationPeer.Of(result!.Host, this), other, this, RelationKind.Linked);
            }
            else
            {
                ReportDeadOnLink(other, reason);
            }
        });
        return null; // whether the actor is alive is only known when the answer comes back
    }

    public override void RemoveLink(ActorProcess other)
    {
        node.Relations.Forget(other, this, RelationKind.Linked);
        Signal(SignalKind.Unlink, other, reason: null);
    }

    public override ExitReason? AddWatcher(ActorProcess watcher)
    {
        if (KnownExit is { } dead)
        {
            return dead;
        }

        Signal(SignalKind.Monitor, watcher, reason: null, onResult: (result, reason) =>
        {
            if (reason is null)
            {
                node.Relations.Track(RelationPeer.Of(result!.Host, this), watcher, this, RelationKind.Monitoring);
            }
            else
            {
                watcher.DeliverDown(new Down(Address, reason));
            }
        });
        return null;
    }

    public override void RemoveWatcher(ActorProcess watcher)
    {
        node.Relations.Forget(watcher, this, RelationKind.Monitoring);
        Signal(SignalKind.Demonitor, watcher, reason: null);
    }

    public override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        node.Relations.Forget(from, this, RelationKind.Linked);
        if (!node.IsLeaving)
        {
            Signal(SignalKind.Exit, from, reason);
        }
    }

    protected override void OnDown(ActorProcess who, ExitReason reason)
    {
        node.Relations.Forget(who, this, RelationKind.MonitoredBy);
        if (!node.IsLeaving)
        {
            Signal(SignalKind.Down, who, reason);
        }
    }

    /// <summary>
    /// Sends a signal; <paramref name="onResult"/> gets the answer and, when the actor is dead or unreachable, why
    /// (unreachable counts as <see cref="ExitReason.NoConnection"/>).
    /// </summary>
    /// <remarks>
    /// A link or monitor answered "dead" by a durable actor's ending incarnation is sent once more, for the next one
    /// (see <see cref="SendsAgain"/>), so that a read of <see cref="RemoteProcess.Completion"/> in that window watches
    /// the next incarnation rather than completing at once. Other signals are not: the incarnation they were for ended.
    /// </remarks>
    private void Signal(SignalKind kind, ActorProcess? from, ExitReason? reason, Action<SignalResult?, ExitReason?>? onResult = null, bool resent = false)
    {
        ActorSignal signal = node.SignalFrom(kind, from, reason);
        Outbox.Signal(signal).ContinueWith(
            static (sent, state) =>
            {
                var (self, kind, from, resent, onResult) = ((ClusterActorProcess, SignalKind, ActorProcess?, bool, Action<SignalResult?, ExitReason?>?))state!;
                if (sent.IsFaulted)
                {
                    self.LogUnreachable($"a {kind} signal", sent.Exception);
                    onResult?.Invoke(null, ExitReason.NoConnection);
                    return;
                }

                if (sent.Result.AlreadyDead is { } dead)
                {
                    if (kind is SignalKind.Link or SignalKind.Monitor && self.SendsAgain(resent))
                    {
                        self.Signal(kind, from, reason: null, onResult, resent: true);
                        return;
                    }

                    self.MarkDead(dead.ToReason());
                }
                else
                {
                    self.Located(sent.Result.Host);
                }

                onResult?.Invoke(sent.Result, sent.Result.AlreadyDead?.ToReason());
            },
            (this, kind, from, resent, onResult), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary>A dead actor's outbox is dropped, so a later actor under the same name is numbered afresh.</summary>
    protected override void OnFoundDead(ExitReason reason)
    {
        node.ForgetOutbox(ClusterKey);
        node.Hosts.Forget(ClusterKey);
    }

    /// <summary>What a completion of a call throws (a failing dead-letter subscriber or logger) is logged here.</summary>
    internal void LogFailedCompletion(Exception exception) =>
        node.Logger.LogError(exception, "Completing a delivery to {Actor} failed.", Address);

    private void LogUnreachable(string what, Exception? exception) =>
        node.Logger.LogWarning(exception, "Could not deliver {What} to {Actor}.", what, Address);
}

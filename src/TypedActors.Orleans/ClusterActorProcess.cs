using MessagePack;
using Microsoft.Extensions.Logging;
using TypedActors.Copying.Serialization;
using TypedActors.Diagnostics;
using TypedActors.Dispatching;
using TypedActors.Orleans.Grains;
using TypedActors.Remoting;
using TypedActors.Supervision;

namespace TypedActors.Orleans;

/// <summary>
/// What an <see cref="Address"/> points at when the actor lives elsewhere in the cluster: deliveries are serialized in
/// the wire format and sent to the actor's grain (or its process's node endpoint). Links and monitors become signals.
/// Equal to every other process with the same cluster key, so addresses compare equal wherever they were read.
/// </summary>
internal sealed class ClusterActorProcess : ActorProcess
{
    private readonly ClusterNode _node;
    private readonly string _clusterKey;
    private readonly ClusterKey _key;
    private readonly Type _actorType;
    private readonly long _id;
    private ExitReason? _knownExit;
    private readonly object _gate = new();
    private Task<ExitReason>? _completion;

    public ClusterActorProcess(ClusterNode node, string clusterKey, ClusterKey key, Type actorType)
    {
        _node = node;
        _clusterKey = clusterKey;
        _key = key;
        _actorType = actorType;
        _id = StableId(clusterKey);
    }

    /// <summary>A stable id derived from the key (FNV-1a), so the same actor prints the same everywhere.</summary>
    public override long Id => _id;

    public override Type ActorType => _actorType;

    public override ActorSystem System => _node.System;

    /// <summary>True once this process has learned that the actor is dead (a delivery or signal found it so).</summary>
    public override bool IsDead => Volatile.Read(ref _knownExit) is not null;

    public override string ClusterKey => _clusterKey;

    /// <summary>Replies come back on Orleans' threads, outside any actor's turn.</summary>
    public override bool RepliesArriveOffTurn => true;

    /// <summary>The parsed cluster key: whether the actor is a grain or served by a process's node endpoint.</summary>
    public ClusterKey Key => _key;

    private Address Address => new(this);

    /// <summary>This process's outbox to the actor, which numbers and sends every delivery and signal.</summary>
    private Outbox Outbox => _node.OutboxOf(_clusterKey, _key);

    public override Task<ExitReason> Completion
    {
        get
        {
            if (Volatile.Read(ref _knownExit) is { } exit)
            {
                return Task.FromResult(exit);
            }

            lock (_gate)
            {
                if (_completion is null)
                {
                    CompletionWatcher watcher = _node.CreateCompletionWatcher();
                    _completion = watcher.Down;
                    _ = watcher.Down.ContinueWith(
                        static (down, state) => ((ClusterActorProcess)state!).MarkDead(down.Result),
                        this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    AddWatcher(watcher);
                }

                return _completion;
            }
        }
    }

    // ---- deliveries --------------------------------------------------------------------------------------------

    public override void Deliver(object message)
    {
        if (message is TracedMessage traced)
        {
            message = traced.Message; // trace context does not cross processes yet
        }

        if (Volatile.Read(ref _knownExit) is { } exit)
        {
            DeadLetter(message, exit, DeadLetterReason.RecipientDead);
            return;
        }

        switch (message)
        {
            case Down down when down.Who.Process is { } who:
                _node.Relations.Forget(who, this, RelationKind.MonitoredBy);
                if (!_node.IsLeaving)
                {
                    Signal(SignalKind.Down, who, down.Reason);
                }

                break;
            case Reply reply:
                Ask(reply);
                break;
            default:
                Tell(message);
                break;
        }
    }

    private void Tell(object message)
    {
        byte[] frame;
        try
        {
            frame = WireMessages.Serialize(message, _node.Wire, DeliveryFrame.HeaderLength);
        }
        catch (MessagePackSerializationException) when (message is IUndeliverable undeliverable)
        {
            undeliverable.OnUndelivered(); // a runtime signal that cannot cross: its sender must learn it was lost
            return;
        }

        Sent<WireExitReason?> told = Outbox.Tell(frame);
        if (told.Result.IsCompleted)
        {
            OnTold(message, told);
        }
        else
        {
            new PendingCall<WireExitReason?>(this, message, told, static (self, message, told) => self.OnTold(message, told)).Register();
        }
    }

    /// <summary>Reads the result of a tell (exactly once: Orleans pools what backs the value task).</summary>
    private void OnTold(object message, Sent<WireExitReason?> told)
    {
        told.SentAlone?.CallCompleted();
        WireExitReason? dead;
        try
        {
            dead = told.Result.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            LogUnreachable("a message", exception);
            DeadLetter(message, ExitReason.NoConnection, DeadLetterReason.Unreachable);
            return;
        }

        if (dead is not null)
        {
            ExitReason reason = dead.ToReason();
            MarkDead(reason);
            DeadLetter(message, reason, DeadLetterReason.RecipientDead);
        }
    }

    private void Ask(Reply reply)
    {
        byte[] frame;
        try
        {
            frame = WireMessages.Serialize(reply.Message, _node.Wire, DeliveryFrame.HeaderLength);
        }
        catch (MessagePackSerializationException exception)
        {
            reply.Fail(exception);
            return;
        }

        Sent<byte[]> asked = Outbox.Ask(frame);
        if (asked.Result.IsCompleted)
        {
            OnAnswered(reply, asked);
        }
        else
        {
            new PendingCall<byte[]>(this, reply, asked, static (self, reply, asked) => self.OnAnswered((Reply)reply, asked)).Register();
        }
    }

    /// <summary>Reads the outcome of an ask (exactly once: Orleans pools what backs the value task).</summary>
    private void OnAnswered(Reply reply, Sent<byte[]> asked)
    {
        asked.SentAlone?.CallCompleted(); // first: the asker may ask again as soon as its reply is set
        byte[] answer;
        try
        {
            answer = asked.Result.GetAwaiter().GetResult();
        }
        catch (Exception cause)
        {
            reply.Fail(cause is TimeoutException
                ? new TimeoutException($"Ask of {reply.Message.GetType().Name} to {Address} got no reply: {cause.Message}", cause)
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
            reply.Fail(exception);
            return;
        }

        switch (outcome.Failure)
        {
            case null:
                reply.CompleteFromWire(outcome.Value, _node.Wire);
                break;
            case FailureKind.Dead:
                ExitReason reason = outcome.Reason?.ToReason() ?? ExitReason.NoProcess;
                MarkDead(reason);
                DeadLetter(reply, reason, DeadLetterReason.RecipientDead);
                break;
            case FailureKind.Unhandled:
                reply.Fail(new UnhandledMessageException(Address, reply.Message.GetType()));
                break;
            case FailureKind.NotAnswered:
                reply.Fail(new RequestNotAnsweredException(Address, reply.Message.GetType()));
                break;
            case FailureKind.Undelivered: // sent in a batch, and the receiver could not read it: as a failed call
                reply.Fail(new ActorUnreachableException(Address, new MessagePackSerializationException($"{outcome.ExceptionType}: {outcome.Message}")));
                break;
            default:
                reply.Fail(new RemoteActorException(Address, outcome.ExceptionType, outcome.Message, outcome.StackTrace));
                break;
        }
    }

    public override void Stop() => Signal(SignalKind.Stop, from: null, reason: null);

    public override void Kill() => Kill(ExitReason.Killed);

    public override void Kill(ExitReason reason) => Signal(SignalKind.Kill, from: null, reason);

    // ---- links and monitors ------------------------------------------------------------------------------------

    public override ExitReason? AddLink(ActorProcess other)
    {
        Signal(SignalKind.Link, other, reason: null, onResult: (result, reason) =>
        {
            if (reason is null)
            {
                _node.Relations.Track(RelationPeer.Of(result!.Host, this), other, this, RelationKind.Linked);
                return;
            }

            // Posted, so a local actor has recorded the link (right after this call returns) before the exit arrives.
            other.Post(static state =>
            {
                var (other, self, reason) = ((ActorProcess, ClusterActorProcess, ExitReason))state!;
                other.OnExitSignal(self, reason);
            }, (other, this, reason));
        });
        return null; // whether the actor is alive is only known when the answer comes back
    }

    public override void RemoveLink(ActorProcess other)
    {
        _node.Relations.Forget(other, this, RelationKind.Linked);
        Signal(SignalKind.Unlink, other, reason: null);
    }

    public override ExitReason? AddWatcher(ActorProcess watcher)
    {
        Signal(SignalKind.Monitor, watcher, reason: null, onResult: (result, reason) =>
        {
            if (reason is null)
            {
                _node.Relations.Track(RelationPeer.Of(result!.Host, this), watcher, this, RelationKind.Monitoring);
            }
            else
            {
                watcher.Deliver(new Down(Address, reason));
            }
        });
        return null;
    }

    public override void RemoveWatcher(ActorProcess watcher)
    {
        _node.Relations.Forget(watcher, this, RelationKind.Monitoring);
        Signal(SignalKind.Demonitor, watcher, reason: null);
    }

    public override void OnExitSignal(ActorProcess from, ExitReason reason)
    {
        _node.Relations.Forget(from, this, RelationKind.Linked);
        if (!_node.IsLeaving)
        {
            Signal(SignalKind.Exit, from, reason);
        }
    }

    /// <summary>
    /// Sends a signal; <paramref name="onResult"/> gets the answer and, when the actor is dead or unreachable, why
    /// (unreachable counts as <see cref="ExitReason.NoConnection"/>).
    /// </summary>
    private void Signal(SignalKind kind, ActorProcess? from, ExitReason? reason, Action<SignalResult?, ExitReason?>? onResult = null)
    {
        ActorSignal signal = _node.SignalFrom(kind, from, reason);
        Outbox.Signal(signal).ContinueWith(
            static (sent, state) =>
            {
                var (self, kind, onResult) = ((ClusterActorProcess, SignalKind, Action<SignalResult?, ExitReason?>?))state!;
                if (sent.IsFaulted)
                {
                    self.LogUnreachable($"a {kind} signal", sent.Exception);
                    onResult?.Invoke(null, ExitReason.NoConnection);
                    return;
                }

                if (sent.Result.AlreadyDead is { } dead)
                {
                    self.MarkDead(dead.ToReason());
                }

                onResult?.Invoke(sent.Result, sent.Result.AlreadyDead?.ToReason());
            },
            (this, kind, onResult), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void MarkDead(ExitReason reason)
    {
        if (reason.Kind != ExitKind.NoConnection && Interlocked.CompareExchange(ref _knownExit, reason, null) is null)
        {
            _node.ForgetOutbox(_clusterKey);
        }
    }

    private void DeadLetter(object message, ExitReason reason, DeadLetterReason deadLetterReason)
    {
        if (message is IUndeliverable undeliverable)
        {
            undeliverable.OnUndelivered();
            return;
        }

        if (message is Reply reply)
        {
            reply.Fail(deadLetterReason == DeadLetterReason.Unreachable
                ? new ActorUnreachableException(Address, innerException: null)
                : new DeadActorException(Address, reason));
            message = reply.Message;
        }

        _node.System.DeadLetters.Publish(message, Address, deadLetterReason);
    }

    private void LogFailedCompletion(Exception exception) =>
        _node.Logger.LogError(exception, "Completing a delivery to {Actor} failed.", Address);

    private void LogUnreachable(string what, Exception? exception) =>
        _node.Logger.LogWarning(exception, "Could not deliver {What} to {Actor}.", what, Address);

    private static long StableId(string key)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash & long.MaxValue);
    }

    /// <summary>
    /// A tell or ask waiting for its call: one object per call in flight, instead of ContinueWith's task, continuation
    /// and boxed state. It runs where Orleans completes the call, outside any actor's turn, as the ask's own completion
    /// expects; registered this way it runs bare on that thread, so what it throws (a failing dead-letter subscriber or
    /// logger) is logged here, or it would take the process down.
    /// </summary>
    private sealed class PendingCall<T>(
        ClusterActorProcess process, object delivery, Sent<T> sent, Action<ClusterActorProcess, object, Sent<T>> onCompleted)
    {
        public void Register() => sent.Result.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnCompleted);

        private void OnCompleted()
        {
            try
            {
                onCompleted(process, delivery, sent);
            }
            catch (Exception exception)
            {
                process.LogFailedCompletion(exception);
            }
        }
    }
}
